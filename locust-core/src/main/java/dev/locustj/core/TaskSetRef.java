package dev.locustj.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds a TaskSet declared elsewhere (not nested) as a task of this User or TaskSet, with a weight: Locust's
 * {@code tasks = {OtherTaskSet: 2}}. Repeatable.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(TaskSetRef.List.class)
public @interface TaskSetRef {
    /** The TaskSet class. */
    @SuppressWarnings("rawtypes")
    Class<? extends TaskSet> value();

    /** Its weight. */
    int weight() default 1;

    /** The container of repeated {@link TaskSetRef}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        /** The references. */
        TaskSetRef[] value();
    }
}
