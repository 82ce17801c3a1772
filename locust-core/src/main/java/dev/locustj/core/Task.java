package dev.locustj.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a task: a public no-argument method of a {@link User} or {@link TaskSet}, or a nested {@link TaskSet}
 * class, like Locust's {@code @task}. The value is the weight: a task of weight 3 is picked three times as often as
 * one of weight 1. In a {@link SequentialTaskSet} the weight is how many times in a row the task runs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Task {
    /** The weight, at least 1. */
    int value() default 1;
}
