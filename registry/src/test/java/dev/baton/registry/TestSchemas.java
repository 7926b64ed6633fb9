package dev.baton.registry;

import org.apache.avro.Schema;

/** Schemas shared by the tests. */
public final class TestSchemas {

    /** Order without currency: the predecessor of the generated {@code Order} class. */
    public static final String ORDER_V1 = """
            {"type":"record","name":"Order","namespace":"dev.baton.registry.test","fields":[
              {"name":"id","type":"string"},
              {"name":"amount","type":"double"}]}""";

    /** Order with a new required field: not backward compatible with v1. */
    public static final String ORDER_REQUIRED_FIELD = """
            {"type":"record","name":"Order","namespace":"dev.baton.registry.test","fields":[
              {"name":"id","type":"string"},
              {"name":"amount","type":"double"},
              {"name":"customer","type":"string"}]}""";

    /** Order whose amount changed type: incompatible both ways. */
    public static final String ORDER_AMOUNT_STRING = """
            {"type":"record","name":"Order","namespace":"dev.baton.registry.test","fields":[
              {"name":"id","type":"string"},
              {"name":"amount","type":"string"}]}""";

    private TestSchemas() {}

    /** @param json schema text @return parsed */
    public static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
