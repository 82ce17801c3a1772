package dev.locustj.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tags a task or a TaskSet (all its tasks) for {@code --tags} / {@code --exclude-tags}, like Locust's {@code @tag}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Tag {
    /** The tags. */
    String[] value();
}
