package dev.baton.deploy;

/** Command-line options of the demo. */
record DemoOptions(int bookings, double failRate, boolean stay) {

    /** Parses the options; prints usage and returns null for --help. */
    static DemoOptions parse(String[] args) {
        int bookings = 200;
        double failRate = 0.0;
        boolean stay = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bookings", "-n" -> bookings = intValue(args, ++i, "--bookings");
                case "--fail-rate" -> failRate = doubleValue(args, ++i, "--fail-rate");
                case "--stay" -> stay = true;
                case "--help", "-h" -> {
                    System.out.println("usage: ./demo [--bookings N] [--fail-rate 0.0-1.0] [--stay]\n  --bookings N     bookings to start (default 200)\n  --fail-rate R    share of charge_payment commands that fail (retried; a booking that runs out of retries is compensated: payment refunded, seat released)\n  --stay           keep Kafka, the orchestrator and the registry running afterwards, until Ctrl-C");
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
        return new DemoOptions(bookings, failRate, stay);
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
