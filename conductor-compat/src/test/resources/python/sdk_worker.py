#!/usr/bin/env python3
"""Conductor's Python SDK (conductor-python, as pinned in requirements.txt beside this file), unchanged,
against a Conductor server: the SDK registers the definitions, starts the workflows, serves every task
with its own workers (TaskHandler), and reads the workflows back. Nothing here knows it talks to Baton.

    python3 sdk_worker.py --server http://127.0.0.1:8080/api --workflows 50 --out result.json

Definitions:
  task py_sdk_add       a + b                    (retryCount 0)
  task py_sdk_describe  text from the sum        (retryCount 0)
  task py_sdk_flaky     raises on attempts 0 and 1, succeeds on attempt 2
                        (retryCount 2, FIXED, retryDelaySeconds 1)
  workflow py_sdk_sum        add -> describe     (built with the SDK's ConductorWorkflow)
  workflow py_sdk_flaky_wf   flaky               (a WorkflowDef registered with the MetadataClient)

Writes what the SDK saw (definitions read back, each workflow with its tasks) as JSON to --out; exits 0
when every workflow completed before --deadline seconds, 1 otherwise. The caller checks the server's
side of the story itself.
"""
import argparse
import json
import sys
import time

from conductor.client.automator.task_handler import TaskHandler
from conductor.client.configuration.configuration import Configuration
from conductor.client.context.task_context import get_task_context
from conductor.client.http.models.start_workflow_request import StartWorkflowRequest
from conductor.client.http.models.task_def import TaskDef
from conductor.client.http.models.workflow_def import WorkflowDef
from conductor.client.http.models.workflow_task import WorkflowTask
from conductor.client.orkes_clients import OrkesClients
from conductor.client.worker.worker_task import worker_task
from conductor.client.workflow.conductor_workflow import ConductorWorkflow
from conductor.client.workflow.executor.workflow_executor import WorkflowExecutor
from conductor.client.workflow.task.simple_task import SimpleTask

WORKER_ID = "python-sdk-worker"
OWNER = "baton-it@example.com"
FLAKY_FAILURES = 2  # attempts 0 and 1 fail; retryCount 2 allows attempt 2
TERMINAL = {"COMPLETED", "FAILED", "TERMINATED", "TIMED_OUT"}


@worker_task(task_definition_name="py_sdk_add", worker_id=WORKER_ID, thread_count=8)
def add(a: int, b: int) -> dict:
    return {"sum": a + b}


@worker_task(task_definition_name="py_sdk_describe", worker_id=WORKER_ID, thread_count=8)
def describe(total: int, index: int) -> str:
    return f"workflow {index}: sum {total}"


@worker_task(task_definition_name="py_sdk_flaky", worker_id=WORKER_ID)
def flaky(label: str) -> dict:
    ctx = get_task_context()
    attempt = ctx.get_retry_count()
    ctx.add_log(f"{label}: attempt {attempt}")
    if attempt < FLAKY_FAILURES:
        raise RuntimeError(f"{label}: attempt {attempt} fails on purpose")
    return {"attempt": attempt, "label": label}


def task_defs():
    plain = dict(retry_count=0, timeout_seconds=120, response_timeout_seconds=30,
                 timeout_policy="TIME_OUT_WF", owner_email=OWNER)
    return [
        TaskDef(name="py_sdk_add", description="a + b", **plain),
        TaskDef(name="py_sdk_describe", description="text from the sum", **plain),
        TaskDef(name="py_sdk_flaky", description="fails twice, then succeeds",
                retry_count=FLAKY_FAILURES, retry_logic="FIXED", retry_delay_seconds=1,
                timeout_seconds=120, response_timeout_seconds=30, timeout_policy="TIME_OUT_WF",
                owner_email=OWNER),
    ]


def sum_workflow(executor):
    wf = ConductorWorkflow(executor=executor, name="py_sdk_sum", version=1,
                           description="add, then describe (Python SDK test)")
    wf.owner_email(OWNER).timeout_seconds(300)
    add_task = SimpleTask(task_def_name="py_sdk_add", task_reference_name="add_ref")
    add_task.input_parameters.update({"a": wf.input("a"), "b": wf.input("b")})
    describe_task = SimpleTask(task_def_name="py_sdk_describe", task_reference_name="describe_ref")
    describe_task.input_parameters.update({"total": "${add_ref.output.sum}", "index": wf.input("index")})
    wf >> add_task >> describe_task
    wf.output_parameters({"sum": "${add_ref.output.sum}", "text": "${describe_ref.output.result}"})
    return wf


def flaky_workflow_def():
    flaky_task = WorkflowTask(name="py_sdk_flaky", task_reference_name="flaky_ref", type="SIMPLE",
                              input_parameters={"label": "${workflow.input.label}"})
    return WorkflowDef(name="py_sdk_flaky_wf", version=1, description="one task retried per its definition",
                       tasks=[flaky_task], output_parameters={"attempt": "${flaky_ref.output.attempt}"},
                       owner_email=OWNER, timeout_seconds=300, timeout_policy="TIME_OUT_WF", schema_version=2)


def task_view(t):
    return {"taskId": t.task_id, "referenceTaskName": t.reference_task_name, "taskDefName": t.task_def_name,
            "status": t.status, "retryCount": t.retry_count, "seq": t.seq, "workerId": t.worker_id,
            "retried": t.retried, "reasonForIncompletion": t.reason_for_incompletion,
            "outputData": t.output_data}


def workflow_view(w):
    return {"workflowId": w.workflow_id, "workflowName": w.workflow_name, "status": w.status,
            "correlationId": w.correlation_id, "input": w.input, "output": w.output,
            "tasks": [task_view(t) for t in (w.tasks or [])]}


def sdk_reads(task_client, workflow_client, flaky_id, flaky_run):
    """Further reads through the SDK's clients and models, each as {"value": ...} or {"error": ...}."""
    last_attempt = flaky_run["tasks"][-1]["taskId"] if flaky_run["tasks"] else None

    def task():
        t = task_client.get_task(last_attempt)
        return {"workerId": t.worker_id, "status": t.status, "retryCount": t.retry_count,
                "workflowType": t.workflow_type, "pollCount": t.poll_count}

    def status():
        s = workflow_client.get_workflow_status(flaky_id, include_output=True)
        return {"status": s.status, "output": s.output}

    def search():
        r = workflow_client.search(start=0, size=100, free_text="*",
                                   query="workflowType IN (py_sdk_sum) AND status IN (COMPLETED)")
        found = r.results or []
        return {"results": len(found), "workflowTypes": sorted({w.workflow_type for w in found}),
                "statuses": sorted({w.status for w in found})}

    reads = {
        "task": task,
        "taskLogs": lambda: [log.log for log in (task_client.get_task_logs(last_attempt) or [])],
        "pollData": lambda: [{"queueName": p.queue_name, "workerId": p.worker_id}
                             for p in (task_client.get_task_poll_data("py_sdk_add") or [])],
        "queueSize": lambda: task_client.get_queue_size_for_task("py_sdk_add"),
        "workflowStatus": status,
        "search": search,
    }
    out = {}
    for name, read in reads.items():
        try:
            out[name] = {"value": read()}
        except Exception as e:  # noqa: BLE001 - reported to the caller, which fails on it
            out[name] = {"error": f"{type(e).__name__}: {e}"}
        print(f"read {name}: {json.dumps(out[name], sort_keys=True, default=str)[:300]}", flush=True)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--server", required=True, help="the API base, e.g. http://127.0.0.1:8080/api")
    p.add_argument("--workflows", type=int, default=50, help="py_sdk_sum workflows to run")
    p.add_argument("--deadline", type=float, default=75.0, help="seconds for all workflows to end")
    p.add_argument("--out", required=True, help="where to write the JSON result")
    args = p.parse_args()

    started = time.monotonic()
    config = Configuration(server_api_url=args.server, debug=False)
    clients = OrkesClients(configuration=config)
    metadata = clients.get_metadata_client()
    workflow_client = clients.get_workflow_client()
    executor = WorkflowExecutor(configuration=config)

    # The workers first: their processes start (spawn) while the definitions are registered.
    with TaskHandler(workers=[], configuration=config, scan_for_annotated_workers=True) as handler:
        handler.start_processes()

        # Definitions, through the SDK's metadata API, then read back through it.
        for td in task_defs():
            metadata.register_task_def(td)
        sum_workflow(executor).register(overwrite=True)
        metadata.register_workflow_def(flaky_workflow_def(), overwrite=True)
        registered = {
            "taskDefs": {td.name: {"retryCount": td.retry_count, "retryLogic": td.retry_logic,
                                   "retryDelaySeconds": td.retry_delay_seconds}
                         for td in (metadata.get_task_def(n) for n in ("py_sdk_add", "py_sdk_describe", "py_sdk_flaky"))},
            "workflowDefs": {wd.name: [t.task_reference_name for t in wd.tasks]
                             for wd in (metadata.get_workflow_def(n) for n in ("py_sdk_sum", "py_sdk_flaky_wf"))},
        }
        print(f"registered: {json.dumps(registered, sort_keys=True)}", flush=True)

        ids = {}
        for i in range(args.workflows):
            req = StartWorkflowRequest(name="py_sdk_sum", version=1, correlation_id=f"py-sdk-{i}",
                                       input={"a": i, "b": 2 * i, "index": i})
            ids[workflow_client.start_workflow(req)] = i
        flaky_id = executor.start_workflow(StartWorkflowRequest(
            name="py_sdk_flaky_wf", version=1, correlation_id="py-sdk-flaky", input={"label": "flaky"}))
        print(f"started {len(ids)} py_sdk_sum workflows and py_sdk_flaky_wf {flaky_id}", flush=True)

        pending = set(ids) | {flaky_id}
        while pending and time.monotonic() - started < args.deadline:
            for wid in list(pending):
                if workflow_client.get_workflow(wid, include_tasks=False).status in TERMINAL:
                    pending.discard(wid)
            if pending:
                time.sleep(0.25)

    sums = [workflow_view(workflow_client.get_workflow(wid, include_tasks=True)) for wid in ids]
    flaky_run = workflow_view(workflow_client.get_workflow(flaky_id, include_tasks=True))
    reads = sdk_reads(clients.get_task_client(), workflow_client, flaky_id, flaky_run)
    completed = sum(1 for w in sums if w["status"] == "COMPLETED")
    elapsed = time.monotonic() - started
    result = {"registered": registered, "workflows": sums, "flaky": flaky_run, "reads": reads,
              "completed": completed, "pending": sorted(pending), "elapsedSeconds": round(elapsed, 1)}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, sort_keys=True)
    attempts = [(t["status"], t["retryCount"]) for t in flaky_run["tasks"]]
    print(f"py_sdk_sum completed: {completed}/{len(sums)}; py_sdk_flaky_wf {flaky_run['status']} "
          f"after attempts {attempts}; {elapsed:.1f} s", flush=True)
    return 0 if not pending and completed == len(sums) and flaky_run["status"] == "COMPLETED" else 1


if __name__ == "__main__":
    sys.exit(main())
