/**
 * The API's OpenAPI 3.1 contract, generated from the route table and the zod schemas the handlers parse with
 * (zod's own JSON Schema output), so it cannot drift from them. Served at GET /openapi.json; /docs renders it.
 */
import * as z from 'zod/mini';
import type { ErrorCode } from '../shared/domain/errors.js';
import { CLIENT_SCOPE_LABELS, CLIENT_SCOPES, ROLE_LABELS } from '../shared/domain/types.js';
import ANSWER_EXAMPLES from './answer-examples.json' with { type: 'json' };
import { ERROR_STATUS } from './http.js';
import { ROUTE_DOCS, type RouteDoc } from './route-docs.js';
import { ROUTES, type RouteDef, routeKey } from './routes.js';

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output' = 'input') => {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** Operations grouped as people look for them (the function serving them is an implementation detail). */
const TAGS: Record<RouteDef['fn'], string> = {
  health: 'Hệ thống',
  catalogue: 'Danh mục, phong trào, đơn vị',
  submissions: 'Báo cáo số liệu',
  reviews: 'Thẩm định',
  scores: 'Điểm',
  aggregation: 'Tổng hợp cuối năm',
  results: 'Kết quả, xếp hạng',
  files: 'Tệp minh chứng, bảng điểm kiểm chứng',
  reminders: 'Nhắc hạn, hộp thư',
};
const SHEET_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/** A real answer of the route (scripts/answer-examples.ts picks them from the integration suite's answers). */
const exampleOf = (route: RouteDef, status: number) => {
  const examples = ANSWER_EXAMPLES as Record<string, unknown>;
  // A PUT that answers what the GET of its path does (a task catalogue) shows the GET's answer.
  const example =
    examples[`${routeKey(route)} ${status}`] ??
    (route.method === 'PUT' ? examples[`GET ${route.path} 200`] : undefined);
  return example === undefined ? {} : { example };
};

/** A JSON answer of success has its schema: a route without one is a gap in the contract, refused here. */
function answerOf(route: RouteDef, doc: RouteDoc) {
  if (!doc.answer) throw new Error(`${routeKey(route)} answers JSON but has no answer schema in ROUTE_DOCS`);
  return doc.answer;
}

function operation(route: RouteDef, errorStatus: Record<ErrorCode, number>) {
  const doc = ROUTE_DOCS[routeKey(route)];
  if (!doc) throw new Error(`${routeKey(route)} has no entry in ROUTE_DOCS`);
  const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const queryProps = doc.query
    ? ((jsonSchema(doc.query).properties ?? {}) as Record<string, Record<string, unknown>>)
    : {};
  const hasBody = Boolean(doc.body) || route.body === 'sheet';
  const statuses = [
    400,
    ...(route.roles !== 'public' ? [401, 403] : []),
    ...(pathNames.length ? [404] : []),
    ...(route.method !== 'GET' ? [409] : []),
    ...(hasBody ? [413, 415] : []),
    503,
  ];
  const codesOf = (status: number) =>
    (Object.entries(errorStatus) as Array<[ErrorCode, number]>).filter(([, s]) => s === status).map(([c]) => c);
  const success = doc.status ?? 200;
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: doc.summary,
    tags: [TAGS[route.fn]],
    description:
      route.roles === 'public'
        ? 'Không cần đăng nhập.'
        : `Vai trò: ${route.roles.map((r) => ROLE_LABELS[r]).join(', ')}.` +
          (route.scope ? ` Ứng dụng kết nối của đơn vị cần quyền ${route.scope}.` : ' Chỉ dành cho người dùng.'),
    ...(route.roles === 'public'
      ? { security: [] }
      : { security: [{ person: [] }, ...(route.scope ? [{ unitSystem: [route.scope] }] : [])] }),
    parameters: [
      ...pathNames.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(queryProps).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
      ...(route.method === 'POST' && route.roles !== 'public'
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'Gửi lại cùng khóa trong 24 giờ: nhận lại câu trả lời đầu tiên, không lưu thêm.',
              schema: { type: 'string', maxLength: 128 },
            },
          ]
        : []),
    ],
    ...(doc.body && {
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: jsonSchema(doc.body), ...(doc.example ? { example: doc.example } : {}) },
        },
      },
    }),
    ...(route.body === 'sheet' && {
      requestBody: {
        required: true,
        content: Object.fromEntries(SHEET_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
      },
    }),
    responses: {
      [success]: {
        description: 'Thành công',
        ...(success !== 204 && {
          content: Object.fromEntries(
            (doc.produces ?? ['application/json']).map((t) => [
              t,
              t === 'application/json'
                ? { schema: jsonSchema(answerOf(route, doc), 'output'), ...exampleOf(route, success) }
                : { schema: t.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' } },
            ]),
          ),
        }),
      },
      ...Object.fromEntries(
        Object.entries(doc.otherAnswers ?? {}).map(([status, answer]) => [
          status,
          {
            description: 'Thành công',
            content: {
              'application/json': { schema: jsonSchema(answer, 'output'), ...exampleOf(route, Number(status)) },
            },
          },
        ]),
      ),
      ...Object.fromEntries(
        statuses.map((status) => [
          status,
          {
            description: `Lỗi: ${codesOf(status).join(', ')}`,
            content: {
              'application/json': {
                schema: {
                  allOf: [{ $ref: '#/components/schemas/Error' }],
                  properties: { error: { properties: { code: { enum: codesOf(status) } } } },
                },
              },
            },
          },
        ]),
      ),
    },
  };
}

export function openApiDocument(tokenUrl: string, errorStatus: Record<ErrorCode, number> = ERROR_STATUS) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route, errorStatus);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nền tảng chấm điểm thi đua chuyển đổi số',
      version: '1',
      description:
        'Đơn vị báo cáo số liệu kèm minh chứng, Ban Thi đua - Khen thưởng thẩm định, cuối năm chấm điểm và xếp hạng. ' +
        'Lỗi luôn có dạng { error: { code, message, details, requestId } }; message bằng tiếng Việt, details nêu từng trường.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        person: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Mã ID của người đăng nhập' },
        unitSystem: {
          type: 'oauth2',
          description: 'Ứng dụng kết nối của đơn vị (client credentials), do quản trị viên đăng ký',
          flows: {
            clientCredentials: {
              tokenUrl,
              scopes: Object.fromEntries(CLIENT_SCOPES.map((s) => [`thi-dua-api/${s}`, CLIENT_SCOPE_LABELS[s]])),
            },
          },
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'details'],
              properties: {
                code: { type: 'string', enum: Object.keys(errorStatus) },
                message: { type: 'string' },
                details: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['field', 'message'],
                    properties: { field: { type: 'string' }, message: { type: 'string' }, row: { type: 'integer' } },
                  },
                },
                requestId: { type: 'string' },
              },
            },
          },
        },
      },
    },
  };
}
