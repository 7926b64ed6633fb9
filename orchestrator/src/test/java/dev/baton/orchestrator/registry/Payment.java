package dev.baton.orchestrator.registry;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** A SpecificRecord written by hand for the registry tests: version 2 of Payment (adds currency, default EUR). */
public class Payment extends SpecificRecordBase {

    /** The schema, as generated classes expose it. */
    public static final Schema SCHEMA$ = new Schema.Parser().parse("""
            {"type":"record","name":"Payment","namespace":"dev.baton.orchestrator.registry","fields":[
              {"name":"id","type":"string"},
              {"name":"cents","type":"long"},
              {"name":"currency","type":"string","default":"EUR"}]}""");

    /** Version 1: no currency. */
    public static final String V1 = """
            {"type":"record","name":"Payment","namespace":"dev.baton.orchestrator.registry","fields":[
              {"name":"id","type":"string"},
              {"name":"cents","type":"long"}]}""";

    private String id;
    private long cents;
    private String currency;

    /** For Avro. */
    public Payment() {}

    Payment(String id, long cents, String currency) {
        this.id = id;
        this.cents = cents;
        this.currency = currency;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return switch (field) {
            case 0 -> id;
            case 1 -> cents;
            case 2 -> currency;
            default -> throw new IndexOutOfBoundsException(field);
        };
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0 -> id = value.toString();
            case 1 -> cents = (Long) value;
            case 2 -> currency = value.toString();
            default -> throw new IndexOutOfBoundsException(field);
        }
    }

    String id() {
        return id;
    }

    long cents() {
        return cents;
    }

    String currency() {
        return currency;
    }
}
