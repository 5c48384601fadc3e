//! `cargo run -p berty-schema`: rewrites `schema/` from the code.

use std::fs;

fn main() {
    let root = berty_schema::schema_root();
    for (dir, _) in berty_schema::apis() {
        let _ = fs::remove_dir_all(root.join(dir));
    }
    for (path, text) in berty_schema::render() {
        let path = root.join(path);
        fs::create_dir_all(path.parent().expect("file in a folder")).expect("create schema dir");
        fs::write(&path, text).expect("write schema");
        println!("wrote {}", path.display());
    }
}
