package dev.locustj.examples.http;

import dev.locustj.core.CustomOption;
import dev.locustj.core.Environment;
import dev.locustj.core.LocustPlugin;

import java.util.List;

/**
 * A custom command-line option for {@link ShopUser} (Locust's {@code init_command_line_parser}, EV-11, CFG-04):
 * {@code --catalog-size} (or {@code LOCUST_CATALOG_SIZE}, or {@code catalog-size = 50} in locust.conf, or the web
 * UI's "Custom parameters"), the highest item id the shoppers look at. On a distributed run the workers get the
 * master's value.
 */
public class ShopOptions extends LocustPlugin {

    /** The option's name without dashes, as {@code Environment.option} takes it. */
    static final String CATALOG_SIZE = "catalog-size";

    @Override
    public List<CustomOption> customOptions() {
        return List.of(CustomOption.integer(CATALOG_SIZE, 100)
                .help("item ids the shoppers view and buy go from 1 to this (the demo shop has 100)"));
    }

    @Override
    public void init(Environment environment) {
        // nothing else to set up: ShopUser reads the option when it starts
    }
}
