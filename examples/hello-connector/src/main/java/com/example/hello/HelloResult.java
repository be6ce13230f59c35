package com.example.hello;

/**
 * What the connector returns; the task's result variable or result expression maps it.
 *
 * @param message the greeting
 */
public record HelloResult(String message) {}
