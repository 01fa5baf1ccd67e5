package org.kapcare.demo;

import java.time.Duration;
import java.util.Map;

/** How a demo patient answers one of their check-ins: not at all, or {@code after} it was sent, with these answers. */
record CheckInReply(boolean answered, Duration after, Map<String, Object> answers) {
}
