//! Sign In with LinkedIn: open the authorization URL, receive the redirect on a local listener,
//! exchange the code, check the ID token and read the member's profile.
//!
//! `LINKEDIN_CLIENT_ID=… LINKEDIN_CLIENT_SECRET=… cargo run --example sign_in`
//! The app must list `http://127.0.0.1:<port>/callback` as a redirect URL; set `SIGN_IN_PORT` to
//! choose the port (default: any free one).

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

#[tokio::main]
async fn main() -> common::Result<()> {
    let port: u16 = std::env::var("SIGN_IN_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let redirect_uri = format!(
        "http://127.0.0.1:{}/callback",
        listener.local_addr()?.port()
    );
    let oauth = common::oauth(&redirect_uri)?;

    let request = oauth.authorization_request(["openid", "profile", "email"]);
    println!("Open this URL in a browser to sign in:\n{}", request.url);
    println!("Waiting for the redirect on {redirect_uri}");

    // One request: the browser coming back from LinkedIn.
    let (mut stream, _) = listener.accept()?;
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // Read the rest of the request head: closing with unread bytes would reset the connection.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 0 && header != "\r\n" {
        header.clear();
    }
    let target = line
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    let reply = "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nSigned in; you can close this tab.\n";
    stream.write_all(reply.as_bytes())?;
    drop(stream);

    let query = target.split_once('?').map_or("", |(_, q)| q);
    let code = request.verify_redirect(query)?; // checks `state` against CSRF
    let tokens = oauth.exchange_code(&code).await?;
    println!(
        "access token received; it expires at {:?}",
        tokens.expires_at
    );
    match &tokens.id_token {
        Some(id_token) => match oauth
            .verify_id_token(id_token.expose(), request.nonce.as_deref())
            .await
        {
            Ok(claims) => println!("ID token verified for {}", claims.sub),
            // A mock server signs nothing: report it instead of trusting the token.
            Err(e) => println!("ID token NOT verified: {e}"),
        },
        None => println!("no ID token (the `openid` scope was not granted)"),
    }
    let me = oauth.userinfo(&tokens.access_token).await?;
    println!(
        "signed in as {} ({})",
        me.name.as_deref().unwrap_or("?"),
        me.sub
    );
    Ok(())
}
