package dev.couponkernel.examples;

import java.util.List;

/**
 * The walk-through's command line. Immutable.
 *
 * @param help whether {@code --help} was given
 * @param jdbcUrl the database, or null for an embedded in-memory H2
 * @param user the database user, or null
 * @param password the database password, or null
 * @param customers how many customers race in the flash sale
 * @param uses how many uses the flash-sale coupon has
 */
record DemoOptions(boolean help, String jdbcUrl, String user, String password, int customers, int uses) {

    static final String USAGE = String.join("\n",
            "Usage: Demo [--jdbc-url URL [--user USER] [--password PASSWORD]] [--customers N] [--uses N] [--help]",
            "",
            "Walks through Coupon Kernel: coupons of each kind, pricing a cart, the checkout saga,",
            "a flash sale, a fraud attack, and the audit chain.",
            "",
            "  --jdbc-url URL   run on this database (jdbc:postgresql://... or jdbc:h2:...);",
            "                   default: an in-memory H2 database, nothing to install",
            "  --user USER      the database user",
            "  --password PW    the database password",
            "  --customers N    customers racing in the flash sale (1 to 100000, default 2000)",
            "  --uses N         uses of the flash-sale coupon (1 to 100000, default 500)",
            "  --help           print this and exit");

    /**
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException with a message for the user, on a bad argument
     */
    static DemoOptions parse(List<String> args) {
        boolean help = false;
        String url = null;
        String user = null;
        String password = null;
        int customers = 2000;
        int uses = 500;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--jdbc-url" -> url = value(args, ++i, a);
                case "--user" -> user = value(args, ++i, a);
                case "--password" -> password = value(args, ++i, a);
                case "--customers" -> customers = number(value(args, ++i, a), a);
                case "--uses" -> uses = number(value(args, ++i, a), a);
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("--jdbc-url must start with jdbc:postgresql: or jdbc:h2:, was '" + url + "'");
        }
        if (url == null && (user != null || password != null)) {
            throw new IllegalArgumentException("--user and --password need --jdbc-url");
        }
        return new DemoOptions(help, url, user, password, customers, uses);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int number(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1 || n > 100_000) {
                throw new IllegalArgumentException(option + " must be 1 to 100000, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + text + "'");
        }
    }
}
