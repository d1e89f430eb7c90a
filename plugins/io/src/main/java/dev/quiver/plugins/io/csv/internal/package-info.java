/**
 * The CSV machinery behind the csv source and sink: tokenizer, number parsing, type inference, readers and
 * writers. Not API: may change without notice.
 */
package dev.quiver.plugins.io.csv.internal;
