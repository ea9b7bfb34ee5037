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
            // The read end is open (non-blocking) before gradcheck opens the write end, so its
            // open never waits; what it writes (well under the 64 KiB a pipe holds) is read after.
            func reading(_ body: () throws -> CLIResult) throws -> (CLIResult, String) {
                let fd = open(fifo, O_RDONLY | O_NONBLOCK)
                #expect(fd >= 0)
                defer { close(fd) }
                let result = try body()
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n <= 0 { break }
                    bytes += buffer[..<n]
                }
                return (result, String(decoding: bytes, as: UTF8.self))
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

    @Test("an output inside a report set is refused (64), a foreign .gradcheck.set link stops the run (74) and removes nothing")
    func outputsInsideASetAreRefused() throws {
        try withTemporaryDirectory { tmp in
            for dir in ["rd", "s1", "s2"] {
                let shard = dir == "rd" ? [] : ["--shard", dir == "s1" ? "1/2" : "2/2"]
                let run = try CLI.run(Self.quick + shard + ["--report-dir", dir], in: tmp)
                #expect(run.status == 0, "\(run)")
            }
            let merge = ["merge", "s1/gradcheck.json", "s2/gradcheck.json"]
            for arguments in [merge + ["-o", "rd/gradcheck.json"], merge + ["-o", "rd/cases/x.json"], merge + ["-o", "rd/cases"],
                              merge + ["-o", "rd/m.json", "--baseline", "s1/../rd/gradcheck.json"],
                              Self.quick + ["--junit", "rd/cases"], Self.quick + ["--report-dir", "rd/cases"],
                              Self.quick + ["--junit", "rd/regression.md"],
                              Self.quick + ["--baseline", "rd/gradcheck.json", "--update-baseline"],
                              ["selftest", "--trials", "1", "--report-dir", "rd/cases"],
                              ["selftest", "--sensitivity", "--trials", "1", "--report-dir", "rd/cases"],
                              ["precision", "--trials", "1", "--report-dir", "rd/cases"]] {
                let before = try directoryEntries(tmp.appendingPathComponent("rd"))
                let result = try CLI.run(arguments, in: tmp)
                #expect(result.status == 64 && result.stderr.contains("rd"), "\(arguments): \(result)")
                #expect(try directoryEntries(tmp.appendingPathComponent("rd")) == before, "\(arguments)")
            }
            let link = tmp.appendingPathComponent("rd/.gradcheck.set")
            let target = try FileManager.default.destinationOfSymbolicLink(atPath: link.path)
            unlink(link.path)
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "..")
            let foreign = try CLI.run(Self.quick + ["--report-dir", "rd"], in: tmp)
            #expect(foreign.status == 74 && foreign.stderr.contains("not to a folder of gradcheck's"), "\(foreign)")
            #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("s1/gradcheck.json").path))
            #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("rd").appendingPathComponent(target).path))
        }
    }

    @Test("a closed descriptor is refused (74); with --quiet a gate that does not pass still prints its verdict line")
    func closedDescriptorsAndQuietGates() throws {
        try withTemporaryDirectory { tmp in
            let closed = try CLI.run(Self.quick + ["--report-dir", "r", "--junit", "/dev/fd/9"], in: tmp)
            #expect(closed.status == 74 && closed.stderr.contains("descriptor 9 of this process is not open"), "\(closed)")
            let unresolved = try CLI.run(Self.quick + ["--report-dir", "r", "--rtol", "0.6", "--atol", "0"], in: tmp)
            #expect(unresolved.status == 1 && unresolved.stdout.contains("verdict: INCONCLUSIVE (nothing resolved"), "\(unresolved)")
        }
    }

    @Test("paths through .. resolve (no hang), merge --baseline writes its regression files twice, and a check then clears them")
    func dotDotPathsAndMergeRegressions() throws {
        try withTemporaryDirectory { tmp in
            let null = try CLI.run(Self.quick + ["--report-dir", "r", "--junit", "/tmp/../dev/null"], in: tmp, timeout: 60)
            #expect(null.status == 0, "\(null)")
            for dir in ["base", "s1", "s2"] {
                let shard = dir == "base" ? [] : ["--shard", dir == "s1" ? "1/2" : "2/2"]
                let run = try CLI.run(Self.quick + shard + ["--report-dir", dir], in: tmp)
                #expect(run.status == 0, "\(run)")
            }
            try Data(contentsOf: tmp.appendingPathComponent("base/gradcheck.json")).write(to: tmp.appendingPathComponent("b.json"))
            for _ in 0..<2 {
                let merge = try CLI.run(["merge", "s1/gradcheck.json", "s2/gradcheck.json", "-o", "mm/merged.json", "--baseline", "b.json"],
                                        in: tmp)
                #expect(merge.status == 0 && FileManager.default.fileExists(atPath: tmp.appendingPathComponent("mm/regression.md").path),
                        "\(merge)")
            }
            let check = try CLI.run(Self.quick + ["--report-dir", "mm", "--seed", "5"], in: tmp)
            #expect(check.status == 0, "\(check)")
            #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("mm/regression.md").path),
                    "a merge's regression report beside the check's would read as the check's")
        }
    }
}
