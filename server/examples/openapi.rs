//! Prints the service's OpenAPI document (what `GET /openapi.json` serves):
//! `cargo run -q -p fuquan-server --example openapi > openapi.json`.

fn main() {
    println!("{:#}", fuquan_server::openapi_document());
}
