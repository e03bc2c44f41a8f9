import Foundation

/// The streams of a Compound File Binary container (Microsoft's [MS-CFB], the "OLE2"
/// structured storage a legacy `.xls` workbook lives in): a FAT of sector chains, a directory
/// of named streams, and a mini stream for the small ones.
///
/// ```swift
/// let cfb = try CompoundFile(Data(contentsOf: URL(fileURLWithPath: "input.xls")))
/// let workbook = try cfb.stream(named: "Workbook")
/// ```
struct CompoundFile {
    private let bytes: [UInt8]
    private let sectorSize: Int
    private let miniSectorSize: Int
    private let miniCutoff: Int
    private var fat: [UInt32] = []
    private var miniFAT: [UInt32] = []
    private var miniStream: [UInt8] = []
    /// Each stream's name, first sector and size.
    private var entries: [(name: String, start: UInt32, size: Int)] = []

    private static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    private static let endOfChain: UInt32 = 0xFFFF_FFFE

    /// - Throws: `DataFileError` when `data` is not a compound file or its chains are broken.
    init(_ data: Data) throws {
        bytes = [UInt8](data)
        guard bytes.count >= 512, Array(bytes[0..<8]) == CompoundFile.signature else {
            throw DataFileError("is not a legacy Excel workbook (no compound-file signature)")
        }
        let shift = Int(CompoundFile.u16(bytes, 0x1E)), miniShift = Int(CompoundFile.u16(bytes, 0x20))
        guard (7...16).contains(shift), (2...shift).contains(miniShift) else { throw DataFileError("has a malformed compound-file header") }
        sectorSize = 1 << shift
        miniSectorSize = 1 << miniShift
        miniCutoff = Int(CompoundFile.u32(bytes, 0x38))
        // The FAT's sectors: 109 in the header, the rest in the DIFAT chain.
        var fatSectors: [UInt32] = (0..<109).map { CompoundFile.u32(bytes, 0x4C + 4 * $0) }
        var difat = CompoundFile.u32(bytes, 0x44)
        var guardCount = 0
        while difat < CompoundFile.endOfChain && guardCount < 1 << 20 {
            let base = try offset(of: difat)
            let perSector = sectorSize / 4 - 1
            fatSectors += (0..<perSector).map { CompoundFile.u32(bytes, base + 4 * $0) }
            difat = CompoundFile.u32(bytes, base + 4 * perSector)
            guardCount += 1
        }
        for s in fatSectors.prefix(Int(CompoundFile.u32(bytes, 0x2C))) where s < CompoundFile.endOfChain {
            let base = try offset(of: s)
            fat += (0..<(sectorSize / 4)).map { CompoundFile.u32(bytes, base + 4 * $0) }
        }
        let directory = try chain(from: CompoundFile.u32(bytes, 0x30))
        for k in 0..<(directory.count / 128) {
            let e = k * 128
            let nameBytes = Int(CompoundFile.u16(directory, e + 0x40))
            let units = (0..<Swift.max(0, nameBytes / 2 - 1)).map { CompoundFile.u16(directory, e + 2 * $0) }
            let name = String(decoding: units, as: UTF16.self)
            let type = directory[e + 0x42]
            let start = CompoundFile.u32(directory, e + 0x74)
            let size = Int(CompoundFile.u32(directory, e + 0x78))
            if type == 5 {  // the root entry holds the mini stream
                miniStream = Array(try chain(from: start).prefix(size))
            } else if type == 2 {
                entries.append((name, start, size))
            }
        }
        let miniFATBytes = try chain(from: CompoundFile.u32(bytes, 0x3C))
        miniFAT = (0..<(miniFATBytes.count / 4)).map { CompoundFile.u32(miniFATBytes, 4 * $0) }
    }

    /// The stream `name` (case-insensitive), or nil when there is none.
    func stream(named name: String) throws -> [UInt8]? {
        guard let e = entries.first(where: { $0.name.lowercased() == name.lowercased() }) else { return nil }
        if e.size < miniCutoff {
            var out: [UInt8] = []
            var s = e.start, steps = 0
            while s < CompoundFile.endOfChain && out.count < e.size {
                let base = Int(s) * miniSectorSize
                guard base + miniSectorSize <= miniStream.count, Int(s) < miniFAT.count, steps <= miniFAT.count else {
                    throw DataFileError("has a broken mini-stream chain")
                }
                out += miniStream[base..<(base + miniSectorSize)]
                s = miniFAT[Int(s)]
                steps += 1
            }
            return Array(out.prefix(e.size))
        }
        return Array(try chain(from: e.start).prefix(e.size))
    }

    /// The bytes of the sector chain starting at `start`.
    private func chain(from start: UInt32) throws -> [UInt8] {
        var out: [UInt8] = []
        var s = start, steps = 0
        while s < CompoundFile.endOfChain {
            let base = try offset(of: s)
            guard Int(s) < fat.count, steps <= fat.count else { throw DataFileError("has a broken sector chain") }
            out += bytes[base..<Swift.min(base + sectorSize, bytes.count)]
            s = fat[Int(s)]
            steps += 1
        }
        return out
    }

    private func offset(of sector: UInt32) throws -> Int {
        let base = (Int(sector) + 1) * sectorSize
        guard base < bytes.count else { throw DataFileError("is truncated (a sector lies past its end)") }
        return base
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { i + 2 <= b.count ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : 0 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16 }
}
