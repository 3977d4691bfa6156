package dev.membership.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests written on a socket byte for byte, for what HTTP clients will not send (a control character in a header,
 * another HTTP version, a broken chunk); the response is read whole, its chunks joined.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code head} (request line and header lines, without the blank line ending them) in ISO-8859-1, then {@code body}. */
    public static HttpResult send(int port, String head, byte[] body) throws IOException {
        return send(port, head, body, false);
    }

    /** As {@link #send}, then closes the sending side, as a client does that stops before its body is whole. */
    public static HttpResult sendAndStop(int port, String head, byte[] body) throws IOException {
        return send(port, head, body, true);
    }

    private static HttpResult send(int port, String head, byte[] body, boolean stop) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (stop) {
                socket.shutdownOutput();
            }
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, headEnd).split("\r\n");
            Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                fields.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            HttpHeaders headers = HttpHeaders.of(fields, (name, value) -> true);
            String answer = response.substring(headEnd + 4);
            if ("chunked".equalsIgnoreCase(headers.firstValue("Transfer-Encoding").orElse(""))) {
                answer = unchunk(answer);
            }
            return new HttpResult(Integer.parseInt(lines[0].split(" ")[1]), headers, answer);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
