import Foundation
import Testing

/// Output paths that are not plain files (issue 20, D2, D4, D5, D10): devices and FIFOs are
/// written in place and never replaced, `/dev/stdout` adds to what the process prints, long
/// paths are written exactly where named, a symbolic link is replaced and its target kept, and
/// `merge` probes its outputs before it writes any.
@Suite("gradcheck output paths")
struct OutputPathTests {
    static let quick = ["--trials", "3", "--dtype", "double", "--quiet"]

    @Test("--junit /dev/null and --junit /dev/stdout: the device stays, the XML goes to stdout after what was printed")
    func devicesAreWrittenInPlace() throws {
        try withTemporaryDirectory { tmp in
            let null = try FileManager.default.attributesOfItem(atPath: "/dev/null")
            let toNull = try CLI.run(Self.quick + ["--report-dir", "r", "--junit", "/dev/null"], in: tmp)
            #expect(toNull.status == 0, "\(toNull)")
            let after = try FileManager.default.attributesOfItem(atPath: "/dev/null")
            #expect(after[.type] as? FileAttributeType == .typeCharacterSpecial
                    && after[.systemFileNumber] as? Int == null[.systemFileNumber] as? Int)
            let toStdout = try CLI.run(["--trials", "3", "--dtype", "double", "--report-dir", "r", "--junit", "/dev/stdout"], in: tmp)
            #expect(toStdout.status == 0, "\(toStdout)")
            let xml = try #require(toStdout.stdout.range(of: "<?xml"), "\(toStdout)")
            let header = try #require(toStdout.stdout.range(of: "gradcheck 0."), "\(toStdout)")
            #expect(header.lowerBound < xml.lowerBound && toStdout.stdout.contains("</testsuites>"), "\(toStdout)")
        }
    }

    @Test("--junit FIFO and merge -o FIFO deliver the bytes and leave the FIFO")
    func fifosAreWrittenInPlace() throws {
        try withTemporaryDirectory { tmp in
            let fifo = tmp.appendingPathComponent("pipe").path
            #expect(mkfifo(fifo, 0o644) == 0)
            func reading(_ body: () throws -> CLIResult) throws -> (CLIResult, String) {
                let received = ReceivedBytes()
                // Reads until the writer closes (FileManager.contents stops at st_size, 0 for a FIFO).
                let reader = Thread { received.data = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data() }
                reader.start()
                let result = try body()
                while !received.done { usleep(1000) }
                return (result, String(decoding: received.data ?? Data(), as: UTF8.self))
            }
            let (check, xml) = try reading { try CLI.run(Self.quick + ["--report-dir", "r", "--junit", fifo], in: tmp) }
            #expect(check.status == 0 && xml.contains("</testsuites>"), "\(check)")
            for i in 1...2 {
                let shard = try CLI.run(Self.quick + ["--shard", "\(i)/2", "--report-dir", "s\(i)"], in: tmp)
                #expect(shard.status == 0, "\(shard)")
            }
            let (merge, json) = try reading {
                try CLI.run(["merge", "s1/gradcheck.json", "s2/gradcheck.json", "-o", fifo], in: tmp)
            }
            #expect(merge.status == 0 && json.hasPrefix("{\"command\":"), "\(merge)")
            var status = stat()
            #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        }
    }

    @Test("a path of 2,800 characters is written exactly there; a symlinked --junit is replaced, its target kept")
    func longPathsAndLinks() throws {
        try withTemporaryDirectory { tmp in
            let deep = (0..<13).map { _ in String(repeating: "d", count: 200) }.joined(separator: "/")
            let junit = tmp.appendingPathComponent(deep).appendingPathComponent("junit.xml").path
            let reports = tmp.appendingPathComponent(deep).appendingPathComponent("reports").path
            #expect(junit.utf8.count > 2_600)
            let long = try CLI.run(Self.quick + ["--report-dir", reports, "--junit", junit], in: tmp)
            #expect(long.status == 0, "\(long)")
            #expect(FileManager.default.contents(atPath: junit).map { String(decoding: $0, as: UTF8.self).contains("</testsuites>") } == true)
            #expect(FileManager.default.fileExists(atPath: reports + "/gradcheck.json"))
            let target = tmp.appendingPathComponent("target.xml")
            try Data("keep".utf8).write(to: target)
            try FileManager.default.createSymbolicLink(atPath: tmp.appendingPathComponent("link.xml").path, withDestinationPath: "target.xml")
            let linked = try CLI.run(Self.quick + ["--report-dir", "r", "--junit", "link.xml"], in: tmp)
            #expect(linked.status == 0, "\(linked)")
            #expect(try String(contentsOf: target, encoding: .utf8) == "keep")
            let attributes = try FileManager.default.attributesOfItem(atPath: tmp.appendingPathComponent("link.xml").path)
            #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        }
    }

    @Test("merge probes -o and --junit before writing: an unwritable --junit (74) leaves -o unwritten")
    func mergeProbesItsOutputs() throws {
        try withTemporaryDirectory { tmp in
            for i in 1...2 {
                let shard = try CLI.run(Self.quick + ["--shard", "\(i)/2", "--report-dir", "s\(i)"], in: tmp)
                #expect(shard.status == 0, "\(shard)")
            }
            try FileManager.default.createDirectory(at: tmp.appendingPathComponent("taken"), withIntermediateDirectories: false)
            let merge = try CLI.run(["merge", "s1/gradcheck.json", "s2/gradcheck.json", "-o", "m.json", "--junit", "taken"], in: tmp)
            #expect(merge.status == 74 && merge.stderr.contains("taken"), "\(merge)")
            #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("m.json").path))
        }
    }
}

/// What the FIFO's reader thread received, and when it is done.
final class ReceivedBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Data?
    var data: Data? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    var done: Bool { data != nil }
}
