//! `linkedin login`: the OAuth 2.0 authorization code flow with Sign In with LinkedIn (OpenID
//! Connect), as in the runtime's `sign_in` example, ending in the token file.
//!
//! The client secret comes from `LINKEDIN_CLIENT_SECRET` only: a command-line flag would show it
//! to every user of the machine in the process list.

use std::time::UNIX_EPOCH;

use linkedin_api::auth::{AuthError, OAuthClient};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::cli::LoginArgs;
use crate::context::{Context, is_loopback};
use crate::error::{Exit, Failure, error_chain, exit_of};
use crate::token::StoredToken;

/// How long to wait for the browser to come back.
const WAIT: std::time::Duration = std::time::Duration::from_secs(600);

pub async fn run(ctx: &Context, args: &LoginArgs) -> Result<(), Failure> {
    let path = ctx.token_file()?.clone();
    let secret = std::env::var("LINKEDIN_CLIENT_SECRET")
        .ok()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            Failure::auth("set LINKEDIN_CLIENT_SECRET to the application's client secret")
        })?;
    let listener = TcpListener::bind(("127.0.0.1", args.port))
        .await
        .map_err(|e| Failure::other(format!("cannot listen on 127.0.0.1:{}: {e}", args.port)))?;
    let port = listener
        .local_addr()
        .map_err(|e| Failure::other(format!("no local address: {e}")))?
        .port();
    let redirect_uri = format!("http://127.0.0.1:{port}/callback");
    let mut builder = OAuthClient::builder(args.client_id.clone(), secret, redirect_uri.clone());
    if let Some(base) = &ctx.base_url {
        builder = builder
            .oauth_base_url(base)
            .api_base_url(base)
            .allow_insecure_http(is_loopback(base));
    }
    let oauth = builder.build().map_err(auth_failure)?;
    let request = oauth.authorization_request(&args.scopes);
    // stdout carries only the URL, so a script (or a test) can open it.
    println!("{}", request.url);
    eprintln!(
        "Open the URL above in a browser to sign in; waiting for LinkedIn's redirect on {redirect_uri}"
    );

    let target = tokio::time::timeout(WAIT, redirect_target(&listener))
        .await
        .map_err(|_| Failure::auth("no redirect from LinkedIn within 10 minutes"))??;
    let query = target.split_once('?').map_or("", |(_, q)| q);
    let code = request.verify_redirect(query).map_err(auth_failure)?;
    let tokens = oauth.exchange_code(&code).await.map_err(auth_failure)?;
    let mut member = None;
    if let Some(id_token) = &tokens.id_token {
        match oauth
            .verify_id_token(id_token.expose(), request.nonce.as_deref())
            .await
        {
            Ok(claims) => member = Some(claims.sub),
            // A mock server signs nothing: say so instead of trusting the token's claims.
            Err(e) => eprintln!(
                "warning: the ID token could not be verified: {}",
                error_chain(&e)
            ),
        }
    }
    if member.is_none()
        && tokens.scopes.contains("openid")
        && let Ok(me) = oauth.userinfo(&tokens.access_token).await
    {
        member = Some(me.sub);
    }
    let stored = StoredToken {
        access_token: tokens.access_token.clone(),
        expires_at: tokens
            .expires_at
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_secs()),
        refresh_token: tokens.refresh_token.clone(),
        scopes: tokens.scopes.iter().map(str::to_owned).collect(),
        member: member.clone(),
    };
    crate::token::save(&path, &stored)?;
    eprintln!(
        "signed in{}; token stored in {} (readable by you only)",
        member.map(|m| format!(" as {m}")).unwrap_or_default(),
        path.display()
    );
    Ok(())
}

fn auth_failure(e: AuthError) -> Failure {
    let exit = e.request_error().map(exit_of).unwrap_or(Exit::Auth);
    // A refused or failed sign-in is an authentication problem, whatever carried it.
    let exit = if exit == Exit::Api { Exit::Auth } else { exit };
    Failure::new(exit, format!("sign-in failed: {}", error_chain(&e)))
}

/// Accepts connections until one asks for `/callback`, answers it, and returns its target.
async fn redirect_target(listener: &TcpListener) -> Result<String, Failure> {
    loop {
        let (stream, _) = listener
            .accept()
            .await
            .map_err(|e| Failure::other(format!("waiting for the redirect: {e}")))?;
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        if reader.read_line(&mut line).await.is_err() {
            continue;
        }
        // Read the rest of the head: closing with unread bytes would reset the connection.
        let mut header = String::new();
        while reader.read_line(&mut header).await.is_ok_and(|n| n > 0) && header != "\r\n" {
            header.clear();
        }
        let target = line
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_owned();
        let mut stream = reader.into_inner();
        if !target.starts_with("/callback") {
            // A browser's favicon request, say.
            let _ = stream
                .write_all(
                    b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                )
                .await;
            continue;
        }
        let reply = "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nSigned in; you can close this tab.\n";
        let _ = stream.write_all(reply.as_bytes()).await;
        let _ = stream.shutdown().await;
        return Ok(target);
    }
}
