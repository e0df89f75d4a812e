//! Streamable HTTP: every agent of the policy file that has a key, on one address (`/mcp`).
//!
//! Every request must carry `Authorization: Bearer <the agent's key>`; one without a known key
//! is answered 401 before the MCP layer sees it. The key is looked up again on every tools
//! request, so a session started with one agent's key never serves another agent's tools.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};

use super::server::{Server, Shared, bearer};
use crate::error::Failure;

pub async fn serve(server: Server, addr: SocketAddr) -> Result<(), Failure> {
    let shared = Arc::clone(&server.shared);
    let mut config = StreamableHttpServerConfig::default();
    // Host-header check against DNS rebinding: loopback names, plus the address served.
    config.allowed_hosts.push(addr.ip().to_string());
    config.allowed_hosts.push(addr.to_string());
    let service = StreamableHttpService::new(
        move || Ok(server.clone()),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    let app = Router::new()
        .nest_service("/mcp", service)
        .layer(middleware::from_fn_with_state(shared, authenticate));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Failure::other(format!("cannot listen on {addr}: {e}")))?;
    let local = listener
        .local_addr()
        .map_err(|e| Failure::other(format!("no local address: {e}")))?;
    // The one line a supervisor (or a test) waits for.
    eprintln!("linkedin mcp: serving streamable HTTP on http://{local}/mcp");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Failure::other(format!("the HTTP server stopped: {e}")))
}

async fn authenticate(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let known = bearer(request.headers()).and_then(|key| shared.agent_by_key(key));
    match known {
        Some(_) => next.run(request).await,
        None => (
            http::StatusCode::UNAUTHORIZED,
            [(http::header::WWW_AUTHENTICATE, "Bearer")],
            "an agent key is required: Authorization: Bearer <key>\n",
        )
            .into_response(),
    }
}
