import { Workbook } from 'exceljs';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { parseRoster, type RosterArea, type RosterRowError, rosterTemplateHeaders } from '../../core/roster/parse-roster';
import type { ImportRosterResult } from '../../db/import-roster';
import type { MemberAdminRepository } from '../../db/prisma-member-admin-repository';
import { readTableBytes } from '../../lib/read-table-file';
import { html, type SafeHtml } from '../html';
import { type AdminSession, csrfField, forbiddenPage, isOfficeAdmin, sendPage } from './admin-page';
import { isUploadLimitError, uploadedFile } from './uploaded-file';

export interface RosterImportPagesDeps {
  readonly repository: Pick<MemberAdminRepository, 'areas' | 'importRoster'>;
}

const TITLE = 'Nhập danh sách hội viên';
const MAX_MB = 10;

/**
 * The roster import of `npm run roster:import`, in the browser: the office uploads its member list
 * (.xlsx or .csv), the good rows are stored and the bad ones are listed with their line numbers and
 * reasons. Office admins only: an import changes members of every area. Blank templates at
 * `/admin/members/import/template.csv` and `.xlsx`.
 */
export const rosterImportPages: FastifyPluginAsync<RosterImportPagesDeps> = async (app, deps) => {
  // An upload over the limit fails while the body is read, before any handler runs: say so in a
  // page rather than the app's bare JSON error.
  app.setErrorHandler((error, _request, reply) => {
    if (isUploadLimitError(error)) {
      return sendPage(
        reply,
        413,
        TITLE,
        html`<section><p class="error" role="alert">Tệp quá lớn hoặc có nhiều hơn một tệp: mỗi lần chỉ nhận một tệp, tối đa ${MAX_MB} MB. Danh sách hội viên thường chỉ vài trăm KB; xin xóa các trang tính, hình ảnh thừa hoặc lưu lại dạng CSV.</p><p><a href="/admin/members/import">← Chọn tệp khác</a></p></section>`,
      );
    }
    throw error;
  });

  app.get('/admin/members/import', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'nhập danh sách hội viên');
    return sendPage(reply, 200, TITLE, await formPage(session, null));
  });

  app.post('/admin/members/import', async (request, reply) => {
    const session = request.adminSession;
    if (!session) return reply.redirect('/admin/login', 303);
    if (!isOfficeAdmin(session)) return forbiddenPage(reply, 'nhập danh sách hội viên');

    const upload = await uploadedFile(request.body, 'file');
    if (upload === null) return refuse(reply, session, 'Xin chọn tệp danh sách hội viên (.xlsx hoặc .csv) rồi bấm “Nhập danh sách”.');
    if (upload.bytes.length === 0) return refuse(reply, session, `Tệp “${upload.fileName}” trống (0 byte). Xin kiểm tra đã lưu tệp trước khi chọn.`);

    let table: string[][];
    try {
      table = await readTableBytes(upload.bytes, upload.fileName);
    } catch (error) {
      // readTableBytes explains, in Vietnamese, why the file cannot be read (type, encoding, damage).
      request.log.info({ err: error, fileName: upload.fileName }, 'roster upload unreadable');
      return refuse(reply, session, error instanceof Error ? error.message : `Không đọc được tệp “${upload.fileName}”.`);
    }
    const parsed = parseRoster(table, await deps.repository.areas());
    if (!parsed.ok) return refuse(reply, session, `Không nhập được tệp “${upload.fileName}”: ${parsed.fileError}`);
    if (parsed.rows.length === 0 && parsed.errors.length === 0) {
      return refuse(reply, session, `Tệp “${upload.fileName}” chỉ có dòng tiêu đề, chưa có hội viên nào.`);
    }

    const result = await deps.repository.importRoster(parsed.rows, { actorType: 'admin', actorId: String(session.adminUser.id), source: upload.fileName });
    return sendPage(reply, 200, TITLE, html`${report(upload.fileName, parsed.errors, result)}${await formPage(session, null, 'Nhập tệp khác')}`);
  });

  // UTF-8 with a BOM: without it Excel reads the headers' diacritics in the Windows code page. The
  // semicolon is the list separator of Excel set to Vietnamese, where the comma is the decimal mark.
  app.get('/admin/members/import/template.csv', async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="mau-danh-sach-hoi-vien.csv"')
      .send(`\ufeff${rosterTemplateHeaders.join(';')}\r\n`),
  );

  app.get('/admin/members/import/template.xlsx', async (_request, reply) =>
    reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="mau-danh-sach-hoi-vien.xlsx"')
      .send(await templateWorkbook(await deps.repository.areas())),
  );

  async function formPage(session: AdminSession, error: string | null, heading = 'Chọn tệp'): Promise<SafeHtml> {
    const areas = await deps.repository.areas();
    return html`${error ? html`<section><p class="error" role="alert">${error}</p></section>` : ''}<section><h2>${heading}</h2>
<form method="post" action="/admin/members/import" enctype="multipart/form-data">${csrfField(session)}
<p><input type="file" name="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" required> <button>Nhập danh sách</button></p></form>
<p>Tệp Excel .xlsx (đọc trang tính đầu tiên) hoặc .csv mã UTF-8, tối đa ${MAX_MB} MB. Dòng 1 là tên các cột: ${rosterTemplateHeaders.join(', ')}; bắt buộc có cột Tên doanh nghiệp, Mã số thuế và Khu vực. Tệp mẫu: <a href="/admin/members/import/template.xlsx">Excel</a> · <a href="/admin/members/import/template.csv">CSV</a>.</p>
<p>Hội viên đã có (cùng mã số thuế) được cập nhật, ô để trống không xóa thông tin đã có; hội viên mới được thêm ở trạng thái Đang hoạt động, mỗi hội viên một mã mời. Nhập lại cùng một tệp không tạo hội viên trùng. Dòng lỗi được liệt kê kèm lý do để sửa trong tệp rồi nhập lại.</p>
<p>Khu vực ghi theo tên: ${areas.map((a) => a.name).join(', ')}.</p>
<p><a href="/admin/members">← Danh sách hội viên</a></p></section>`;
  }

  async function refuse(reply: FastifyReply, session: AdminSession, error: string) {
    return sendPage(reply, 400, TITLE, await formPage(session, error));
  }
};

/** What happened, counts first, then every line not imported with its reasons, in line order. */
function report(fileName: string, parseErrors: readonly RosterRowError[], result: ImportRosterResult): SafeHtml {
  const bad = [...parseErrors, ...result.failed.map((f) => ({ line: f.line, reasons: [f.reason] }))].sort((a, b) => a.line - b.line);
  // The parser's reasons have no final stop and some database ones do: one stop for the line.
  const rows = bad.map((b) => html`<tr><td class="num">${b.line}</td><td>${b.reasons.join('; ').replace(/\.$/, '')}.</td></tr>`);
  return html`<section><h2>Kết quả nhập tệp “${fileName}”</h2>
<p role="status">Hội viên mới: <strong>${result.created}</strong> · Cập nhật: <strong>${result.updated}</strong> · Không đổi: <strong>${result.unchanged}</strong> · Dòng lỗi chưa nhập: <strong>${bad.length}</strong></p>
${
  bad.length
    ? html`<p>Các dòng dưới đây chưa được nhập (số dòng như Excel hiển thị, dòng tiêu đề là dòng 1). Xin sửa trong tệp rồi nhập lại cả tệp: các dòng đã nhập không bị trùng.</p>
<table><tr><th class="num">Dòng</th><th>Lý do</th></tr>${rows}</table>`
    : html`<p class="ok">Mọi dòng trong tệp đều đã được nhập.</p>`
}
<p><a href="/admin/members">Xem danh sách hội viên →</a></p></section>`;
}

const TEXT_COLUMNS: ReadonlySet<string> = new Set(['Mã số thuế', 'Điện thoại']);

/**
 * The blank template as a workbook: the tax code and phone columns are Text, so Excel keeps their
 * leading 0 as typed; a second sheet names the areas and member types the import understands.
 */
async function templateWorkbook(areas: readonly RosterArea[]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Danh sách hội viên');
  sheet.addRow([...rosterTemplateHeaders]).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  rosterTemplateHeaders.forEach((header, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = Math.max(16, header.length + 4);
    if (TEXT_COLUMNS.has(header)) column.numFmt = '@';
  });
  const help = workbook.addWorksheet('Hướng dẫn');
  help.addRow(['Khu vực (ghi một trong các tên sau)']).font = { bold: true };
  for (const area of areas) help.addRow([area.name]);
  help.addRow([]);
  help.addRow(['Loại hội viên (để trống là Doanh nghiệp)']).font = { bold: true };
  for (const type of ['Doanh nghiệp', 'Hội doanh nghiệp huyện/thành phố', 'Hội viên tập thể']) help.addRow([type]);
  help.getColumn(1).width = 45;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
