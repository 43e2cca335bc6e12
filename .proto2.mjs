import iconv from 'iconv-lite';
import fs from 'node:fs';
import { parse } from 'csv-parse';
const file = '/tmp/csvproto/big.csv';
async function run(name, extra, dec) {
  const t=performance.now(); let n=0, cells=0;
  let src = fs.createReadStream(file, {highWaterMark: 256*1024});
  if (dec) src = src.pipe(iconv.decodeStream('win1251'));
  const p = src.pipe(parse({delimiter:';', relax_column_count:true, relax_quotes:true, record_delimiter:['\r\n','\n','\r'], ...extra}));
  for await (const r0 of p) { n++; const r = r0.record ?? r0; for (const f of r) { if (f !== '') { cells+=f.length; } } }
  console.log(name, Math.round(performance.now()-t), n, cells);
}
for (let k=0;k<2;k++){
await run('plain-dec', {}, true);
await run('plain-latin1', {encoding:'latin1'}, false);
await run('raw', {raw:true}, true);
await run('info', {info:true}, true);
await run('autord', {record_delimiter: undefined}, true);
}
