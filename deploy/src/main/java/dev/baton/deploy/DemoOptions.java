package dev.baton.deploy;

/**
 * Command-line options of the demo.
 *
 * @param mode {@code orchestrated} (Baton runs the saga), {@code observe} (the services run as a
 *             choreography and Baton watches), or {@code takeover} (Baton commands the payment step,
 *             the rest stays choreographed)
 */
record DemoOptions(int bookings, double failRate, boolean stay, String mode) {
    static final String ORCHESTRATED = "orchestrated";
    static final String OBSERVE = "observe";
    static final String TAKEOVER = "takeover";

    /** Parses the options; prints usage and returns null for --help. */
    static DemoOptions parse(String[] args) {
        int bookings = 200;
        double failRate = 0.0;
        boolean stay = false;
        String mode = ORCHESTRATED;
        boolean bookingsGiven = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bookings", "-n" -> {
                    bookings = intValue(args, ++i, "--bookings");
                    bookingsGiven = true;
                }
                case "--observe" -> mode = OBSERVE;
                case "--takeover" -> {
                    String step = value(args, ++i, "--takeover");
                    if (!step.equals("payment")) {
                        throw new IllegalArgumentException(
                                "--takeover takes the step to take over: payment (got '" + step + "')");
                    }
                    mode = TAKEOVER;
                }
                case "--fail-rate" -> failRate = doubleValue(args, ++i, "--fail-rate");
                case "--stay" -> stay = true;
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: ./demo [--observe | --takeover payment] [--bookings N] [--fail-rate 0.0-1.0] [--stay]
                              (default)          Baton orchestrates the flight-booking saga
                              --observe          the services run as a choreography (each reacts to the previous
                                                 one's event); Baton sends nothing and shows each booking's timeline,
                                                 and a booking stuck at payment caught by its SLA
                              --takeover payment Baton sends the payment commands; the other steps stay choreographed
                              --bookings N       bookings to start (default 200; 20 with --observe / --takeover)
                              --fail-rate R      share of charge_payment commands that fail (retried; a booking that
                                                 runs out of retries is compensated: payment refunded, seat released)
                              --stay             keep Kafka, the orchestrator and the registry running afterwards,
                                                 until Ctrl-C""");
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        if (bookings < 1) {
            throw new IllegalArgumentException("--bookings must be at least 1");
        }
        if (failRate < 0 || failRate > 1) {
            throw new IllegalArgumentException("--fail-rate must be between 0 and 1");
        }
        if (!bookingsGiven && !mode.equals(ORCHESTRATED)) {
            bookings = 20;
        }
        if (failRate > 0 && !mode.equals(ORCHESTRATED)) {
            throw new IllegalArgumentException("--fail-rate goes with the orchestrated demo");
        }
        return new DemoOptions(bookings, failRate, stay, mode);
    }

    private static int intValue(String[] args, int i, String name) {
        try {
            return Integer.parseInt(value(args, i, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + args[i] + "'");
        }
    }

    private static double doubleValue(String[] args, int i, String name) {
        try {
            return Double.parseDouble(value(args, i, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got '" + args[i] + "'");
        }
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }
}
