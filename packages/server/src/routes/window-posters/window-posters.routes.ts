import { Type } from '@fastify/type-provider-typebox';
import { windowPosterPdf } from '../../documents/window-poster.ts';
import { staffCtx } from '../../http/request-context.ts';
import type { RouteModule } from '../index.ts';

const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }, { additionalProperties: false });

/** A window's printable QR poster (扫码评价) as a PDF, beside the console's HTML print of the same poster. */
export const windowPosterRoutes: RouteModule = (app, c) => {
  app.get('/organisations/:id/poster.pdf', {
    schema: {
      tags: ['organisations'],
      summary: 'The QR poster of a window as an A4 PDF, to print and put up at the window (permission masterdata.read, in scope)',
      params: IdParam,
    },
  }, async (request, reply) => {
    // publicLink checks the permission, that the id is a window and that it is in the caller's scope.
    const link = await c.services.windowQr.publicLink(staffCtx(request), request.params.id);
    const w = await c.services.windowQr.describe(link.publicKey);
    const bytes = await windowPosterPdf({ windowName: w.name, hallName: w.hallName, regionName: w.regionName, units: w.units, url: link.url });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="window-${link.windowId}-poster.pdf"`)
      .header('cache-control', 'no-store')
      .send(bytes);
  });
};
