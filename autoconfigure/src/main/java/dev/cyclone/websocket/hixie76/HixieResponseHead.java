package dev.cyclone.websocket.hixie76;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The head of the answer to an accepted Hixie-75 or Hixie-76 handshake, as the drafts
 * write it: status {@code 101} with the draft's reason phrase, then {@code Upgrade},
 * {@code Connection}, the origin, the location and the selected subprotocol under the
 * draft's own names, in that order. A Hixie-76 head is followed by the 16-byte answer to
 * the key challenge, which is not part of it.
 *
 * @param status always {@code 101}
 * @param reasonPhrase the draft's reason phrase (containers may send their own, or none)
 * @param headers the header names and values, in order
 */
public record HixieResponseHead(int status, String reasonPhrase, List<Map.Entry<String, String>> headers) {

	/** The status of every accepted handshake: Switching Protocols. */
	public static final int SWITCHING_PROTOCOLS = 101;

	/**
	 * The head of a draft's answer.
	 * @param draft the client's draft
	 * @param origin the client's {@code Origin}, or {@code null} when it sent none (then
	 * the head has no origin)
	 * @param location the WebSocket URL of the connection ({@code ws://} or
	 * {@code wss://})
	 * @param subprotocol the selected subprotocol, or {@code null}
	 * @return the head
	 */
	public static HixieResponseHead of(HixieDraft draft, @Nullable String origin, String location,
			@Nullable String subprotocol) {
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		headers.add(Map.entry("Upgrade", "WebSocket"));
		headers.add(Map.entry("Connection", "Upgrade"));
		if (origin != null) {
			headers.add(Map.entry(draft.originHeader(), origin));
		}
		headers.add(Map.entry(draft.locationHeader(), location));
		if (subprotocol != null) {
			headers.add(Map.entry(draft.protocolHeader(), subprotocol));
		}
		return new HixieResponseHead(SWITCHING_PROTOCOLS, draft.reasonPhrase(), List.copyOf(headers));
	}

}
