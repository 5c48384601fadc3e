//! Probe contracts: tiny hand-written wasm modules (WAT) that do exactly the storage
//! operations a test asks for and answer with a fixed response, so that gas and dispatch can
//! be checked against hand-computed figures.

use std::fmt::Write;

/// One storage operation of the probe's `execute`.
#[derive(Clone)]
pub enum Op {
    Write(&'static str, &'static str),
    Read(&'static str),
    /// Iterate over the whole contract store, ascending, calling `next` this many times.
    Scan(usize),
    /// Trap (`unreachable`).
    Trap,
    /// Send this query request (JSON) to the chain, ignoring the answer.
    Query(String),
}

#[derive(Clone, Default)]
pub struct Probe {
    /// Run by `instantiate`, which answers with an empty response.
    pub instantiate_ops: Vec<Op>,
    /// Run by `execute`.
    pub execute_ops: Vec<Op>,
    /// `execute`'s answer (a `ContractResult<Response>` JSON).
    pub execute_answer: String,
    /// Run by `reply`.
    pub reply_ops: Vec<Op>,
}

pub const EMPTY_RESPONSE: &str =
    r#"{"ok":{"messages":[],"attributes":[],"events":[],"data":null}}"#;

impl Probe {
    pub fn new(ops: Vec<Op>, answer: impl Into<String>) -> Self {
        Probe {
            instantiate_ops: vec![],
            execute_ops: ops,
            execute_answer: answer.into(),
            reply_ops: vec![],
        }
    }

    pub fn wasm(&self) -> Vec<u8> {
        wat::parse_str(self.wat()).expect("the probe's WAT parses")
    }

    fn wat(&self) -> String {
        let mut statics = Statics::default();
        let execute = body(&self.execute_ops, &mut statics);
        let instantiate = body(&self.instantiate_ops, &mut statics);
        let reply = body(&self.reply_ops, &mut statics);
        let execute_answer = statics.region(self.execute_answer.as_bytes());
        let empty = statics.region(EMPTY_RESPONSE.as_bytes());
        let query_answer = statics.region(br#"{"ok":"e30="}"#);
        format!(
            r#"(module
  (import "env" "db_read" (func $db_read (param i32) (result i32)))
  (import "env" "db_write" (func $db_write (param i32 i32)))
  (import "env" "db_scan" (func $db_scan (param i32 i32 i32) (result i32)))
  (import "env" "db_next" (func $db_next (param i32) (result i32)))
  (import "env" "query_chain" (func $query_chain (param i32) (result i32)))
  (memory (export "memory") 4)
  (global $heap (mut i32) (i32.const 65536))
  (func (export "interface_version_8"))
  (func (export "allocate") (param $size i32) (result i32) (local $region i32)
    global.get $heap
    local.set $region
    local.get $region
    local.get $region
    i32.const 12
    i32.add
    i32.store
    local.get $region
    local.get $size
    i32.store offset=4
    local.get $region
    i32.const 0
    i32.store offset=8
    global.get $heap
    local.get $size
    i32.add
    i32.const 12
    i32.add
    global.set $heap
    local.get $region)
  (func (export "deallocate") (param i32))
  (func (export "instantiate") (param i32 i32 i32) (result i32) (local $it i32)
{instantiate}    i32.const {empty})
  (func (export "execute") (param i32 i32 i32) (result i32) (local $it i32)
{execute}    i32.const {execute_answer})
  (func (export "reply") (param i32 i32) (result i32) (local $it i32)
{reply}    i32.const {empty})
  (func (export "query") (param i32 i32) (result i32)
    i32.const {query_answer})
{data})"#,
            data = statics.data
        )
    }
}

/// Static data below the heap: byte strings and the regions that point at them.
struct Statics {
    next: u32,
    data: String,
}

impl Default for Statics {
    fn default() -> Self {
        Statics {
            next: 1024,
            data: String::new(),
        }
    }
}

impl Statics {
    /// Places `bytes` and a region `{offset, capacity, length}` for them; returns the region.
    fn region(&mut self, bytes: &[u8]) -> u32 {
        let offset = self.next;
        let region = (offset + bytes.len() as u32).div_ceil(4) * 4;
        self.next = region + 12;
        let len = bytes.len() as u32;
        let mut header = Vec::new();
        header.extend(offset.to_le_bytes());
        header.extend(len.to_le_bytes());
        header.extend(len.to_le_bytes());
        writeln!(
            self.data,
            "  (data (i32.const {offset}) \"{}\")",
            escape(bytes)
        )
        .unwrap();
        writeln!(
            self.data,
            "  (data (i32.const {region}) \"{}\")",
            escape(&header)
        )
        .unwrap();
        region
    }
}

fn escape(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("\\{b:02x}")).collect()
}

fn body(ops: &[Op], statics: &mut Statics) -> String {
    let mut out = String::new();
    for op in ops {
        match op {
            Op::Write(key, value) => {
                let key = statics.region(key.as_bytes());
                let value = statics.region(value.as_bytes());
                writeln!(
                    out,
                    "    i32.const {key}\n    i32.const {value}\n    call $db_write"
                )
                .unwrap();
            }
            Op::Read(key) => {
                let key = statics.region(key.as_bytes());
                writeln!(out, "    i32.const {key}\n    call $db_read\n    drop").unwrap();
            }
            Op::Trap => out.push_str("    unreachable\n"),
            Op::Query(request) => {
                let request = statics.region(request.as_bytes());
                writeln!(
                    out,
                    "    i32.const {request}\n    call $query_chain\n    drop"
                )
                .unwrap();
            }
            Op::Scan(nexts) => {
                // No start, no end (0 pointers), order 1 = ascending.
                writeln!(out, "    i32.const 0\n    i32.const 0\n    i32.const 1\n    call $db_scan\n    local.set $it").unwrap();
                for _ in 0..*nexts {
                    writeln!(out, "    local.get $it\n    call $db_next\n    drop").unwrap();
                }
            }
        }
    }
    out
}

/// A `ContractResult<Response>` that sends one sub-message executing `contract` with `{}`.
pub fn answer_with_submessage(contract: &str, reply_on: &str) -> String {
    format!(
        r#"{{"ok":{{"messages":[{{"id":7,"payload":"","msg":{{"wasm":{{"execute":{{"contract_addr":"{contract}","msg":"e30=","funds":[]}}}}}},"gas_limit":null,"reply_on":"{reply_on}"}}],"attributes":[{{"key":"action","value":"probe"}}],"events":[],"data":null}}}}"#
    )
}

/// A `ContractResult<Response>` that is an error.
pub fn error_answer(message: &str) -> String {
    format!(r#"{{"error":"{message}"}}"#)
}
