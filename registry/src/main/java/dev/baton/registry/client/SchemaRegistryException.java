package dev.baton.registry.client;

/**
 * A schema registry operation failed. Carries the HTTP status and the Confluent
 * {@code error_code} (for example 40401 subject not found, 409 incompatible, 42201 invalid schema).
 * A status of 0 means no HTTP response was received (connection failure, timeout).
 */
public class SchemaRegistryException extends RuntimeException {

    /** Subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Version not found. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Schema (id) not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Subject was soft deleted. */
    public static final int SUBJECT_SOFT_DELETED = 40404;
    /** Subject must be soft deleted before a permanent delete. */
    public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    /** Version must be soft deleted before a permanent delete. */
    public static final int VERSION_NOT_SOFT_DELETED = 40407;
    /** The subject has no subject-level compatibility configured. */
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    /** The schema is incompatible with earlier versions of the subject. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** The schema is not a valid Avro schema. */
    public static final int INVALID_SCHEMA = 42201;
    /** The version is not a valid version id. */
    public static final int INVALID_VERSION = 42202;
    /** The compatibility level is not valid. */
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    /** The request body could not be processed. */
    public static final int UNPROCESSABLE_ENTITY = 422;
    /** The registry's backing store failed. */
    public static final int STORE_ERROR = 50001;
    /** The registry's backing store timed out. */
    public static final int OPERATION_TIMEOUT = 50002;

    private final int status;
    private final int errorCode;

    /**
     * @param status HTTP status (0 when there was no response)
     * @param errorCode Confluent error code
     * @param message description
     */
    public SchemaRegistryException(int status, int errorCode, String message) {
        this(status, errorCode, message, null);
    }

    /**
     * @param status HTTP status (0 when there was no response)
     * @param errorCode Confluent error code
     * @param message description
     * @param cause underlying failure
     */
    public SchemaRegistryException(int status, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** @return HTTP status of the failed request, 0 if no response was received */
    public int status() {
        return status;
    }

    /** @return Confluent error code, e.g. 40401 */
    public int errorCode() {
        return errorCode;
    }

    /** @return true for the "not found" family (HTTP 404) */
    public boolean isNotFound() {
        return status == 404;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[status=" + status + ", error_code=" + errorCode + "]: " + getMessage();
    }

    /** @param subject the subject @return 404 / 40401 */
    public static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    /** @param subject the subject @param version the version @return 404 / 40402 */
    public static SchemaRegistryException versionNotFound(String subject, int version) {
        return new SchemaRegistryException(
                404, VERSION_NOT_FOUND, "Version " + version + " not found for subject '" + subject + "'.");
    }

    /** @param id the schema id @return 404 / 40403 */
    public static SchemaRegistryException schemaIdNotFound(int id) {
        return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    /** @param subject the subject @return 404 / 40403 */
    public static SchemaRegistryException schemaNotFoundInSubject(String subject) {
        return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema not found in subject '" + subject + "'.");
    }

    /** @param detail why @return 409 / 409 */
    public static SchemaRegistryException incompatible(String detail) {
        return new SchemaRegistryException(
                409,
                INCOMPATIBLE_SCHEMA,
                "Schema being registered is incompatible with an earlier schema for subject; " + detail);
    }

    /** @param detail why @return 422 / 42201 */
    public static SchemaRegistryException invalidSchema(String detail) {
        return new SchemaRegistryException(422, INVALID_SCHEMA, "Invalid schema: " + detail);
    }

    /** @param version the rejected text @return 422 / 42202 */
    public static SchemaRegistryException invalidVersion(String version) {
        return new SchemaRegistryException(
                422,
                INVALID_VERSION,
                "The specified version '" + version + "' is not a valid version id. "
                        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    /** @param level the rejected text @return 422 / 42203 */
    public static SchemaRegistryException invalidCompatibilityLevel(String level) {
        return new SchemaRegistryException(
                422,
                INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level '" + level + "'. Valid values are "
                        + java.util.Arrays.toString(CompatibilityLevel.values()));
    }
}
