package dev.baton.samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the flight-booking services standalone until the JVM is stopped.
 *
 * <pre>
 * --bootstrap HOST:PORT       Kafka bootstrap servers (default 127.0.0.1:9092)
 * --fail-rate SERVICE=RATE    failure rate 0.0–1.0 of a service (repeatable, or comma-separated)
 * --latency-ms MS | SERVICE=MS  latency added to every command (repeatable)
 * --seed N                    makes injected failures deterministic
 * --property KEY=VALUE        Kafka client property, e.g. security.protocol=SASL_SSL (repeatable)
 * --threads N                 consumer threads per service (default 1)
 * --partitions N              partitions of command topics created at start (default 6)
 * --no-create-topics          do not create missing command topics
 * --help
 * </pre>
 */
public final class FlightBookingServicesMain {

    static final String USAGE = """
            usage: FlightBookingServicesMain [--bootstrap HOST:PORT] [--fail-rate SERVICE=RATE ...]
                   [--latency-ms MS | --latency-ms SERVICE=MS ...] [--seed N] [--property KEY=VALUE ...]
                   [--threads N] [--partitions N] [--no-create-topics]
            services: reserve_seat, charge_payment, issue_ticket, notify_customer, release_seat, refund_payment""";

    private FlightBookingServicesMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "flight-booking-logback.xml");
        }
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        FlightBookingServices.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        FlightBookingServices services = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            services.close();
                            System.out.println(
                                    "deliveries: " + services.ledger().countsByService() + ", duplicates: "
                                            + services.ledger().duplicates().size());
                            stopped.countDown();
                        },
                        "flight-booking-shutdown"));
        System.out.println("flight booking services running: " + services.taskTypes());
        stopped.await();
    }

    /** Parses the command line into a builder (not yet built). */
    static FlightBookingServices.Builder parse(String[] args) {
        FlightBookingServices.Builder b = FlightBookingServices.builder().bootstrapServers("127.0.0.1:9092");
        List<String> list = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                list.add(a.substring(0, eq));
                list.add(a.substring(eq + 1));
            } else {
                list.add(a);
            }
        }
        for (int i = 0; i < list.size(); i++) {
            String opt = list.get(i);
            switch (opt) {
                case "--no-create-topics" -> b.createTopics(false);
                case "--bootstrap" -> b.bootstrapServers(value(list, ++i, opt));
                case "--fail-rate" -> {
                    for (String pair : value(list, ++i, opt).split(",")) {
                        String[] kv = pair(pair, opt);
                        b.failureRate(kv[0], number(kv[1], opt));
                    }
                }
                case "--latency-ms" -> {
                    String v = value(list, ++i, opt);
                    if (v.contains("=")) {
                        String[] kv = pair(v, opt);
                        b.latencyMillis(kv[0], integer(kv[1], opt));
                    } else {
                        b.latencyMillis(integer(v, opt));
                    }
                }
                case "--seed" -> b.seed(integer(value(list, ++i, opt), opt));
                case "--property" -> {
                    String[] kv = pair(value(list, ++i, opt), opt);
                    b.clientProperties(java.util.Map.of(kv[0], kv[1]));
                }
                case "--threads" -> b.threads(Math.toIntExact(integer(value(list, ++i, opt), opt)));
                case "--partitions" -> b.partitions(Math.toIntExact(integer(value(list, ++i, opt), opt)));
                default -> throw new IllegalArgumentException("unknown option: " + opt);
            }
        }
        return b;
    }

    private static String value(List<String> args, int i, String opt) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args.get(i);
    }

    private static String[] pair(String s, String opt) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(opt + " expects KEY=VALUE, got " + s);
        }
        return new String[] {s.substring(0, eq).trim(), s.substring(eq + 1).trim()};
    }

    private static long integer(String s, String opt) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " expects an integer, got " + s);
        }
    }

    private static double number(String s, String opt) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " expects a number, got " + s);
        }
    }
}
