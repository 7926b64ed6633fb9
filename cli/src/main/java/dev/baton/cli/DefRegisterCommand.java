package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code baton def register}: workflow definitions to POST /metadata/workflow (PUT with --update),
 * task definitions to POST /metadata/taskdefs (PUT one by one with --update). Every file is read
 * and checked before anything is sent; task definitions are sent before workflows.
 */
@Command(name = "register", description = "Register workflow or task definitions from JSON or YAML files.")
final class DefRegisterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Definition files (.json, .yaml, .yml)")
    List<String> files;

    @Option(names = "--update", description = "Create or replace (PUT) instead of register new (POST)")
    boolean update;

    @Override
    public Integer call() {
        Baton baton = Baton.root(spec);
        List<DefinitionFile> defs = new ArrayList<>();
        for (String f : files) {
            defs.add(DefinitionFile.read(baton.resolve(f)));
        }
        defs.sort(Comparator.comparing(d -> d.kind() == DefinitionFile.Kind.WORKFLOWS));
        BatonApi api = baton.api();
        ArrayNode report = Json.MAPPER.createArrayNode();
        for (DefinitionFile d : defs) {
            try {
                send(api, d);
            } catch (ApiFailure e) {
                throw new ApiFailure(
                        e.status(), e.code(), d.file().getFileName() + ": " + e.getMessage(), e.fieldErrors());
            }
            String kind = d.kind() == DefinitionFile.Kind.WORKFLOWS ? "workflow" : "task";
            if (baton.json()) {
                ObjectNode n = report.addObject()
                        .put("file", d.file().toString())
                        .put("kind", kind)
                        .put("action", update ? "updated" : "registered");
                d.names().forEach(n.putArray("names")::add);
            } else {
                String label = kind.equals("workflow") ? "workflow" : "task definition";
                baton.out()
                        .println((update ? "Updated " : "Registered ") + label
                                + (d.definitions().size() == 1 ? "" : "s") + " " + String.join(", ", d.names())
                                + " (" + d.file().getFileName() + ")");
            }
        }
        if (baton.json()) {
            baton.out().println(Json.pretty(report));
        }
        return 0;
    }

    private void send(BatonApi api, DefinitionFile d) {
        if (d.kind() == DefinitionFile.Kind.WORKFLOWS) {
            if (update) {
                api.put("/metadata/workflow", null, d.asArray());
            } else {
                for (JsonNode wf : d.definitions()) {
                    api.post("/metadata/workflow", null, wf);
                }
            }
        } else if (update) {
            for (JsonNode task : d.definitions()) {
                api.put("/metadata/taskdefs", null, task);
            }
        } else {
            api.post("/metadata/taskdefs", null, d.asArray());
        }
    }
}
