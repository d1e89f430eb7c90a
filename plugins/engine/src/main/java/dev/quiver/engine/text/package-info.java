/**
 * Tokenizers for language models: characters, UTF-8 bytes, and a byte-level BPE trained on a corpus. Each turns
 * text into token ids and back exactly, and saves its vocabulary through the api's state writer.
 */
package dev.quiver.engine.text;
