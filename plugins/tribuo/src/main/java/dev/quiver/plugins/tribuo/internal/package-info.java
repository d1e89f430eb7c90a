/**
 * Not API: how the {@code tribuo} model builds trainers through OLCUT, moves Arrow rows into Tribuo examples and
 * back, and guards against Tribuo 4.3.2's known pitfalls.
 */
package dev.quiver.plugins.tribuo.internal;
