//! What the gateway's tests share: a real `redis-server` of their own, and endpoints.

#![allow(dead_code)] // each test file uses part of it

pub mod redis_server;
