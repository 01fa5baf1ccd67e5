package org.kapcare.notification;

/** A notification in words: its subject and the same body as plain text and as HTML. */
public record RenderedMessage(String subject, String text, String html) {
}
