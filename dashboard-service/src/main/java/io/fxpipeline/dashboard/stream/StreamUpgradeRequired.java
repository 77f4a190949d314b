package io.fxpipeline.dashboard.stream;

import io.fxpipeline.messaging.rest.Problems;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A plain HTTP GET of the stream's path ({@code curl}, a browser tab) reaches here, since the WebSocket endpoint
 * takes only upgrade requests: without this it got a bare 404, as if there were no stream.
 */
@Path("/stream")
@Tag(name = "dashboard")
public class StreamUpgradeRequired {

    static final String HOW = "GET /stream is a WebSocket endpoint: connect with a WebSocket client (ws://<host>:<port>/stream"
            + ", or wss:// behind TLS), then send {\"op\":\"subscribe\",\"channels\":[\"metrics\"],\"pairs\":[\"EUR_USD\"]}";

    @GET
    @Operation(summary = "The live stream (WebSocket). A plain GET answers 426 Upgrade Required with how to connect")
    public Response withoutUpgrade() {
        return Problems.problemResponse(426, "Upgrade Required", HOW)
                .header("Upgrade", "websocket").header("Connection", "Upgrade").build();
    }
}
