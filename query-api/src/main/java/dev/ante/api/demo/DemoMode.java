package dev.ante.api.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --demo} switch: turns it into {@code ante.demo.enabled=true} and, unless a data directory is
 * given, points the platform at {@code ./data-demo}, so that a first look never mixes with real data.
 */
public final class DemoMode {

    /** The switch on the command line. */
    public static final String FLAG = "--demo";
    /** Where the demo keeps its data when no data directory is given. */
    public static final String DATA_DIR = "./data-demo";

    private DemoMode() {
    }

    /** The arguments to start the application with: {@code args} with {@value #FLAG} translated. */
    public static String[] arguments(String[] args) {
        List<String> out = new ArrayList<>(args.length + 2);
        boolean demo = false;
        boolean dataDirGiven = System.getenv("ANTE_DATA_DIR") != null || System.getProperty("ante.data-dir") != null;
        for (String arg : args) {
            if (arg.equals(FLAG)) {
                demo = true;
                continue;
            }
            dataDirGiven |= arg.startsWith("--ante.data-dir=") || arg.startsWith("--ante.dataDir=")
                    || arg.startsWith("--ante.data_dir=");
            out.add(arg);
        }
        if (demo) {
            out.add("--ante.demo.enabled=true");
            if (!dataDirGiven) {
                out.add("--ante.data-dir=" + DATA_DIR);
            }
        }
        return out.toArray(String[]::new);
    }
}
