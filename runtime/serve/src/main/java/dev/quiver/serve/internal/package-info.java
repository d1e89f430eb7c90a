/** The server's request handling: JSON and Arrow decoding and encoding, errors and admission. Not API. */
package dev.quiver.serve.internal;
