//! Reading a request or a file a clerk saved: UTF-8 with or without a byte-order
//! mark, UTF-16 with one, or GB18030/GBK (what Notepad and Excel on Chinese
//! Windows save by default). Anything else is refused with how to re-save it.

use std::io::Read;
use std::path::PathBuf;

/// The text of `file`, or of stdin when it is absent or `-`.
pub(crate) fn read_text(file: Option<&PathBuf>) -> Result<String, String> {
    let (bytes, name) = match file.filter(|p| p.as_os_str() != "-") {
        Some(path) => (
            std::fs::read(path).map_err(|e| {
                format!(
                    "无法读取文件 {0}：{1}\ncannot read {0}: {e}",
                    path.display(),
                    io_zh(&e)
                )
            })?,
            path.display().to_string(),
        ),
        None => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("无法读取标准输入:{e}\ncannot read stdin: {e}"))?;
            (b, "stdin".to_owned())
        }
    };
    decode(&bytes, &name)
}

/// Decodes `bytes` read from `name` (see the module's doc).
pub(crate) fn decode(bytes: &[u8], name: &str) -> Result<String, String> {
    // A byte-order mark names its encoding (UTF-8, UTF-16LE/BE) and is dropped.
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) =
            encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or(&[]));
        if had_errors {
            return Err(unreadable(name));
        }
        return Ok(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(unreadable(name));
            }
            eprintln!(
                "fuquan: {name} 不是 UTF-8 编码,已按 GB18030(GBK)读取 / {name} is not UTF-8; read as GB18030 (GBK)"
            );
            Ok(text.into_owned())
        }
    }
}

fn unreadable(name: &str) -> String {
    format!(
        "{name} 的编码无法识别:请另存为「UTF-8」编码(记事本:文件 → 另存为 → 编码选 UTF-8)\n\
         {name} is in an encoding fuquan cannot read: save it as UTF-8"
    )
}

/// Why a file could not be read, in Chinese (the system's message is English).
pub(crate) fn io_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "文件不存在，请检查路径和文件名".to_owned(),
        ErrorKind::PermissionDenied => "没有读取该文件的权限".to_owned(),
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_owned(),
        _ => format!("读取出错（{e}）"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::decode;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"{\"a\":1}", "x").unwrap(), "{\"a\":1}");
        assert_eq!(decode(b"\xEF\xBB\xBF{\"a\":1}", "x").unwrap(), "{\"a\":1}");
    }

    #[test]
    fn gbk_is_read() {
        // 张村镇 in GBK: D5C5 B4E5 D5F2.
        let gbk = b"{\"location\":\"\xD5\xC5\xB4\xE5\xD5\xF2\"}";
        assert_eq!(decode(gbk, "x").unwrap(), "{\"location\":\"张村镇\"}");
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let mut b = vec![0xFF, 0xFE];
        for u in "{}".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b, "x").unwrap(), "{}");
    }

    #[test]
    fn undecodable_bytes_say_how_to_resave() {
        let e = decode(b"\xFF\xFF\xFF", "case.json").unwrap_err();
        assert!(e.contains("UTF-8") && e.contains("case.json"));
    }
}
