import iconv from 'iconv-lite';
import fs from 'node:fs';
import { parse } from 'csv-parse';
const file = '/tmp/csvproto/big.csv';
if (!fs.existsSync(file)) {
  const out = fs.createWriteStream(file);
  const titles = ['Азбука. В 2-х частях','Русский язык','Литературное чтение','Математика','Окружающий мир','Английский язык "Starlight"'];
  let s='Код школы;Муниципалитет;Код 1С;Наименование учебника;Класс;Цена;Количество;Сумма\r\n';
  for (let i=0;i<300000;i++){ s+=`${1000+i%700};Томский район;04-${String(i%9999).padStart(4,'0')}-11;"${titles[i%6].replace(/"/g,'""')}";${1+i%11};${(200+i%300)}.${i%100};${i%30};${i*3}\r\n`; if (s.length>1e6){out.write(iconv.encode(s,'win1251')); s='';} }
  out.end(iconv.encode(s,'win1251'));
  await new Promise(r=>out.on('finish',r));
}
const table = iconv.decode(Buffer.from(Array.from({length:128},(_, i)=>i+128)), 'win1251');
function remap(s){ let out=''; for (let i=0;i<s.length;i++){ const c=s.charCodeAt(i); out += c<128? s[i] : table[c-128]; } return out; }
const hi = /[\x80-\xff]/;
async function a() {
  const t=performance.now(); let n=0, cells=0;
  const p = fs.createReadStream(file).pipe(parse({delimiter:';', encoding:'latin1', relax_column_count:true, relax_quotes:true, raw:true, info:true, record_delimiter:['\r\n','\n','\r']}));
  for await (const r of p) { n++; for (const f of r.record) { if (f !== '') { const v = hi.test(f)? remap(f): f; cells+=v.length; } } }
  console.log('latin1+remap', performance.now()-t, n, cells);
}
async function b() {
  const t=performance.now(); let n=0, cells=0, cu=0, prev=0;
  const p = fs.createReadStream(file).pipe(iconv.decodeStream('win1251')).pipe(parse({delimiter:';', relax_column_count:true, relax_quotes:true, raw:true, info:true, record_delimiter:['\r\n','\n','\r']}));
  for await (const r of p) { n++; const d = r.info.bytes - prev; prev = r.info.bytes; cu += r.raw.length + (d - Buffer.byteLength(r.raw)); for (const f of r.record) { if (f !== '') cells+=f.length; } }
  console.log('decode-first', performance.now()-t, n, cells, cu);
}
async function c() {
  const t=performance.now(); let n=0, cells=0;
  const p = fs.createReadStream(file).pipe(iconv.decodeStream('win1251')).pipe(parse({delimiter:';', relax_column_count:true, relax_quotes:true, record_delimiter:['\r\n','\n','\r']}));
  for await (const r of p) { n++; for (const f of r) { if (f !== '') cells+=f.length; } }
  console.log('plain', performance.now()-t, n, cells);
}
await a(); await b(); await c(); await a(); await b();
console.log(fs.statSync(file).size, process.resourceUsage().maxRSS);
