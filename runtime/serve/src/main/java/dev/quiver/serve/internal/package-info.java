/**
 * The server's request handling: routes, admission (threads, queue, deadlines), the predictors (one request at a
 * time, or micro-batched), JSON and Arrow decoding and encoding, errors, metrics and spans. Not API.
 */
package dev.quiver.serve.internal;
