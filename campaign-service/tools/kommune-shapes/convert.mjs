// Turns the municipality drawing of the npm package react-denmark-map into
// campaign-service/src/main/resources/reference/kommune-shapes.csv: one polygon outline per kommune
// (absolute coordinates, straight segments only), so the service can draw a choropleth without
// parsing Bézier curves. Run it as README.md beside this file says; it needs Node 18+ and nothing else.
//
// Steps: take the 98 municipality paths (code, SVG path data) out of the package's bundle, turn
// every cubic Bézier into short straight segments, simplify each ring with Douglas–Peucker, drop
// islets too small to see, round to whole drawing units and check the codes against the project's
// own list of kommuner (platform/src/main/resources/reference/kommuner.csv).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [, , packageDir, kommunerCsv, out] = process.argv;
if (!packageDir || !kommunerCsv || !out) {
	console.error('usage: node convert.mjs <unpacked package dir> <kommuner.csv> <kommune-shapes.csv>');
	process.exit(2);
}

const TOLERANCE = 6; // drawing units (the plane is 10116 × 12289); about 0.3 px on the 760 px map
const BEZIER_STEPS = 8; // straight segments per curve before simplifying
const MIN_ISLET_AREA = 400; // square drawing units (about 1 px²); the largest ring of a kommune always stays

const manifest = JSON.parse(readFileSync(resolve(packageDir, 'package.json'), 'utf8'));
const bundle = readFileSync(resolve(packageDir, 'dist/cjs/index.js'), 'utf8');

// Each area is an object literal {id:"…",name:"…",en_name:"…",display_name:"…",…,code:"…",d:"…"};
// read the fields with regular expressions rather than evaluating the package's code.
const areas = [];
for (const match of bundle.matchAll(/\{id:"([^"]*)",name:"([^"]*)",en_name:"[^"]*",display_name:"([^"]*)"([^{}]*?)\}/g)) {
	const rest = match[4];
	const code = /code:"(\d+)"/.exec(rest)?.[1];
	const d = /(?:^|,)d:"([^"]*)"/.exec(rest)?.[1];
	if (code && d && code.length <= 3) {
		areas.push({ code: code.padStart(4, '0'), name: match[3], d });
	}
}

const reference = new Map(readFileSync(kommunerCsv, 'utf8').split(/\r?\n/).slice(1).filter(Boolean)
	.map((line) => line.split(',')).map(([code, name]) => [code, name]));
const codes = new Set(areas.map((a) => a.code));
const unknown = [...codes].filter((c) => !reference.has(c));
const missing = [...reference.keys()].filter((c) => !codes.has(c));
if (areas.length !== 98 || codes.size !== 98 || unknown.length || missing.length) {
	throw new Error(`expected the 98 kommuner: ${areas.length} areas, unknown ${unknown}, missing ${missing}`);
}
const renamed = areas.filter((a) => a.name.toLowerCase() !== reference.get(a.code).toLowerCase())
	.map((a) => `${a.code} ${a.name} = ${reference.get(a.code)}`);

function rings(d) {
	const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g);
	const result = [];
	let ring = null;
	let x = 0, y = 0, startX = 0, startY = 0, command = null, i = 0;
	const number = () => parseFloat(tokens[i++]);
	while (i < tokens.length) {
		if (/[a-zA-Z]/.test(tokens[i])) {
			command = tokens[i++];
		}
		const relative = command === command.toLowerCase();
		switch (command.toLowerCase()) {
			case 'm': {
				const nx = number() + (relative ? x : 0), ny = number() + (relative ? y : 0);
				x = startX = nx; y = startY = ny;
				ring = [[x, y]];
				result.push(ring);
				command = relative ? 'l' : 'L'; // further pairs are line-tos
				break;
			}
			case 'l': {
				x = number() + (relative ? x : 0); y = number() + (relative ? y : 0);
				ring.push([x, y]);
				break;
			}
			case 'h': x = number() + (relative ? x : 0); ring.push([x, y]); break;
			case 'v': y = number() + (relative ? y : 0); ring.push([x, y]); break;
			case 'c': {
				const p = [number(), number(), number(), number(), number(), number()];
				const [x1, y1, x2, y2, x3, y3] = relative ? p.map((v, k) => v + (k % 2 ? y : x)) : p;
				for (let s = 1; s <= BEZIER_STEPS; s++) {
					const t = s / BEZIER_STEPS, u = 1 - t;
					ring.push([u * u * u * x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
						u * u * u * y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3]);
				}
				x = x3; y = y3;
				break;
			}
			case 'z': x = startX; y = startY; command = null; break;
			default: throw new Error(`path command ${command} not handled`);
		}
		if (command === null && i < tokens.length && !/[a-zA-Z]/.test(tokens[i])) {
			throw new Error('numbers after Z');
		}
	}
	return result;
}

function simplify(points, tolerance) {
	if (points.length < 3) return points;
	const keep = new Uint8Array(points.length);
	keep[0] = keep[points.length - 1] = 1;
	const stack = [[0, points.length - 1]];
	while (stack.length) {
		const [first, last] = stack.pop();
		const [ax, ay] = points[first], [bx, by] = points[last];
		const dx = bx - ax, dy = by - ay, length = Math.hypot(dx, dy);
		let worst = -1, index = -1;
		for (let k = first + 1; k < last; k++) {
			const [px, py] = points[k];
			const distance = length === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
			if (distance > worst) { worst = distance; index = k; }
		}
		if (worst > tolerance) {
			keep[index] = 1;
			stack.push([first, index], [index, last]);
		}
	}
	return points.filter((_, k) => keep[k]);
}

const area = (ring) => ring.reduce((sum, [x, y], k) => {
	const [nx, ny] = ring[(k + 1) % ring.length];
	return sum + x * ny - nx * y;
}, 0) / 2;

let pointCount = 0;
const lines = areas.sort((a, b) => a.code.localeCompare(b.code)).map(({ code, d }) => {
	let outlines = rings(d).map((ring) => {
		// a ring is closed by Z; the closing point need not be repeated before simplifying
		const open = ring.length > 1 && ring[0][0] === ring.at(-1)[0] && ring[0][1] === ring.at(-1)[1] ? ring.slice(0, -1) : ring;
		const simple = simplify([...open, open[0]], TOLERANCE).slice(0, -1)
			.map(([x, y]) => [Math.round(x), Math.round(y)])
			.filter(([x, y], k, all) => k === 0 || x !== all[k - 1][0] || y !== all[k - 1][1]);
		return simple;
	}).filter((ring) => ring.length >= 3);
	const largest = Math.max(...outlines.map((r) => Math.abs(area(r))));
	outlines = outlines.filter((r) => Math.abs(area(r)) >= Math.min(MIN_ISLET_AREA, largest));
	pointCount += outlines.reduce((n, r) => n + r.length, 0);
	return `${code};${outlines.map((r) => 'M' + r.map(([x, y]) => `${x},${y}`).join(' ') + 'Z').join(' ')}`;
});

const header = `# Kommune outlines for the coverage choropleth (GET /api/v1/coverage/map.svg): one line per kommune,
# its code and its outline as SVG path data (M x,y x,y … Z per ring, absolute, straight segments).
# Coordinates are the source's own drawing plane, x to the right and y downwards, about 0..10116 × 0..12289
# units; NOT longitude/latitude, and the drawing is schematic: generalised coastlines, Bornholm moved
# north-west of its true place, and gaps between neighbours.
# Source: the npm package ${manifest.name} ${manifest.version} (${manifest.license}, Copyright (c) 2022 Martin Polley,
# ${manifest.repository?.url ?? manifest.homepage}), its Municipalities drawing; the package names no source for
# the drawing. Licence: see kommune-shapes.LICENCE.md beside this file.
# Made by campaign-service/tools/kommune-shapes/convert.mjs (Bézier curves flattened, Douglas-Peucker
# tolerance ${TOLERANCE} units, islets under ${MIN_ISLET_AREA} square units dropped, rounded to whole units).
kommune_code;path
`;
writeFileSync(out, header + lines.join('\n') + '\n');
console.log(`${lines.length} kommuner, ${pointCount} points, ${Buffer.byteLength(header + lines.join('\n'))} bytes -> ${out}`);
if (renamed.length) console.log(`names differing from kommuner.csv (codes match): ${renamed.join('; ')}`);
