//! Prints the row count of every factor table: `cargo run -p emissions-core --example counts`.
fn main() {
    match emissions_core::Dataset::embedded() {
        Ok(data) => {
            println!("Factor tables (data version {}):", emissions_core::DATA_VERSION);
            for (table, n) in data.counts() {
                println!("  {table:<26} {n:>5}");
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
