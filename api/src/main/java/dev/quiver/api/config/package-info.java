/**
 * Typed, located views over the YAML a user wrote for one component, and the declarations of the options a
 * component accepts.
 */
package dev.quiver.api.config;
