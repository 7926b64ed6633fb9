package dev.baton.registry.serde;

import org.apache.avro.specific.SpecificData;

/** The Avro models the serdes read and write generated classes with. */
final class AvroModels {
    private AvroModels() {}

    /**
     * The class's own model, set to use the encoder and decoder Avro generated into the class
     * ("custom coders": no reflection per field; decoding still resolves the writer's schema).
     */
    static SpecificData specific(Class<?> type) {
        SpecificData model = SpecificData.getForClass(type);
        model.setCustomCoders(true);
        return model;
    }
}
