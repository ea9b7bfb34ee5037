/// A Markdown table, as the precision and self-test reports print them.
enum MarkdownTable {
    /// The header, the alignment row and the rows; the first `text` columns are left-aligned,
    /// the rest (figures) right.
    static func lines(_ header: [String], _ rows: [[String]], text: Int = 1) -> [String] {
        ["| " + header.joined(separator: " | ") + " |",
         "|" + header.indices.map { $0 < text ? "---|" : "---:|" }.joined()]
            + rows.map { "| " + $0.joined(separator: " | ") + " |" }
    }

    /// `text` as a code span that no character of it can end (CommonMark §6.1): fenced by one
    /// backtick more than its longest run of them, padded when it starts or ends with one. In a
    /// table cell a `|` is escaped, which GFM tables require even inside code.
    static func code(_ text: String, inTable: Bool = false) -> String {
        var longest = 0, run = 0
        for c in text { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        let body = inTable ? text.replacingOccurrences(of: "|", with: "\\|") : text
        return fence + pad + body + pad + fence
    }
}
