import Foundation
import Testing

/// `--shapes FILE`: the trials' widths and batch sizes from a CSV file.
@Suite("gradcheck --shapes")
struct ShapesCLITests {
    /// As `workload.py 2 4` writes it (seed,m,d0,d1,d2,params), with a comment.
    static let workload = """
        seed,m,d0,d1,d2,params
        # four 2-layer networks
        1,8,8,9,7,151
        2,3,14,5,1,81
        3,2,13,2,2,34
        4,5,12,6,8,134

        """

    static func write(_ text: String, in directory: URL, name: String = "shapes.csv") throws -> String {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        return name
    }

    @Test("each trial has its row's shape, and the command names the file")
    func trialsHaveTheRowsShapes() throws {
        try withTemporaryDirectory { tmp in
            let shapes = try Self.write(Self.workload, in: tmp)
            let result = try CLI.run(["--shapes", shapes, "--report-dir", "out"], in: tmp)
            #expect(result.status == 0, "\(result)")
            let report = try jsonObject(at: tmp.appendingPathComponent("out/gradcheck.json"))
            #expect((report["command"] as? String)?.hasSuffix("--trials 4 --seed 1 --dtype all "
                                                              + "--activation random --loss random --shapes shapes.csv") == true,
                    "\(report["command"] ?? "")")
            let rows = [([8, 9, 7], 8), ([14, 5, 1], 3), ([13, 2, 2], 2), ([12, 6, 8], 5)]
            let records = try #require(report["records"] as? [[String: Any]])
            #expect(records.count == 4 * 2 * 4)
            for record in records {
                let trial = try #require(record["trial"] as? Int)
                #expect(record["widths"] as? [Int] == rows[trial].0 && record["m"] as? Int == rows[trial].1, "trial \(trial)")
            }
        }
    }

    @Test("--max-width and --max-batch play no part with --shapes: a baseline made with others compares")
    func boundsDoNotApplyToShapes() throws {
        try withTemporaryDirectory { tmp in
            let shapes = try Self.write(Self.workload, in: tmp)
            let options = ["--shapes", shapes, "--dtype", "double", "--report-dir", "out"]
            let first = try CLI.run(options + ["--max-width", "3", "--baseline", "base.json", "--update-baseline"], in: tmp)
            #expect(first.status == 0, "\(first)")
            let second = try CLI.run(options + ["--max-width", "30", "--max-batch", "2", "--baseline", "base.json"], in: tmp)
            #expect(second.status == 0, "\(second)")
            #expect(try Data(contentsOf: tmp.appendingPathComponent("out/gradcheck.json"))
                    == Data(contentsOf: tmp.appendingPathComponent("base.json")))
        }
    }

    @Test("--shapes with --shard 1/2 and 2/2, merged, is byte-identical to the unsharded run")
    func shardsMergeToTheWholeRun() throws {
        try withTemporaryDirectory { tmp in
            let shapes = try Self.write(Self.workload, in: tmp)
            let options = ["--shapes", shapes, "--dtype", "double"]
            #expect(try CLI.run(options + ["--report-dir", "whole"], in: tmp).status == 0)
            for i in 1...2 { #expect(try CLI.run(options + ["--shard", "\(i)/2", "--report-dir", "shard\(i)"], in: tmp).status == 0) }
            let merge = try CLI.run(["merge", "shard2/gradcheck.json", "shard1/gradcheck.json", "-o", "merged.json"], in: tmp)
            #expect(merge.status == 0, "\(merge)")
            #expect(try Data(contentsOf: tmp.appendingPathComponent("merged.json"))
                    == Data(contentsOf: tmp.appendingPathComponent("whole/gradcheck.json")))
        }
    }

    @Test("a failure of a shaped trial prints a replay command that fails again alone, and shrinks")
    func replayOfAShapedFailure() throws {
        try withTemporaryDirectory { tmp in
            let shapes = try Self.write(Self.workload, in: tmp)
            let result = try CLI.run(["--shapes", shapes, "--trials", "2", "--dtype", "float", "--plant-gradient-scale", "1.06",
                                      "--report-dir", "out"], in: tmp)
            #expect(result.status == 1, "\(result)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            let replay = try #require(lines.first { $0.hasPrefix("  replay: gradcheck --layers") }, "\(result)")
            #expect(replay.hasSuffix("--shapes shapes.csv --plant-gradient-scale 1.06"), "\(replay)")
            let words = replay.dropFirst("  replay: gradcheck ".count).split(separator: " ").map(String.init)
            let again = try CLI.run(words, in: tmp)
            #expect(again.status == 1 && again.stdout.contains("FAIL"), "\(again)")
            // The minimal case starts from the row's shape.
            #expect(lines.contains { $0.hasPrefix("  minimal case: 8-9-7 m=8 → ") }, "\(result)")
        }
    }

    struct BadShapes: CustomTestStringConvertible, Sendable {
        var name: String
        var file: String?
        var arguments: [String] = []
        var status: Int32
        var mentions: [String]
        var testDescription: String { name }
    }

    static let bad: [BadShapes] = [
        BadShapes(name: "missing file", file: nil, status: 65, mentions: ["shapes.csv", "does not exist"]),
        BadShapes(name: "not an integer", file: "m,d0,d1\n1,2,3\n2,x,3\n", status: 65, mentions: ["shapes.csv:3:", "column d0"]),
        BadShapes(name: "width beyond the limit", file: "m,d0,d1\n1,2,3000\n", status: 65, mentions: ["shapes.csv:2:", "column d1", "1024"]),
        BadShapes(name: "no rows", file: "m,d0,d1\n", status: 65, mentions: ["shapes.csv", "no shapes"]),
        BadShapes(name: "--layers of another depth", file: Self.workload, arguments: ["--layers", "3"], status: 64,
                  mentions: ["--layers 3", "2-layer"]),
        BadShapes(name: "--trials beyond the rows", file: Self.workload, arguments: ["--trials", "5"], status: 64,
                  mentions: ["--trials 5", "4 rows"]),
        BadShapes(name: "--trial beyond the rows", file: Self.workload, arguments: ["--trial", "4"], status: 64,
                  mentions: ["--trial 4"]),
        BadShapes(name: "--loss softmax-ce with one output", file: Self.workload, arguments: ["--loss", "softmax-ce"], status: 64,
                  mentions: ["softmax-ce", "shapes.csv:4", "d2 = 1"]),
    ]

    @Test("a bad shapes file exits 65 naming file and line; options that do not fit it exit 64", arguments: bad)
    func badShapes(bad: BadShapes) throws {
        try withTemporaryDirectory { tmp in
            if let file = bad.file { _ = try Self.write(file, in: tmp) }
            let result = try CLI.run(["--shapes", "shapes.csv", "--report-dir", "out"] + bad.arguments, in: tmp)
            #expect(result.status == bad.status, "\(result)")
            #expect(bad.mentions.allSatisfy { result.stderr.contains($0) }, "\(result)")
            #expect(result.stderr.split(separator: "\n").count == 1 && !containsCrashText(result.output), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("out/gradcheck.json").path))
        }
    }
}
