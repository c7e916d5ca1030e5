import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import type { ProblemFieldError } from '../../lib/problem.ts'
import fp from 'fastify-plugin'
import { Problem } from '../../lib/problem.ts'

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 401)
    reply.header('WWW-Authenticate', 'Bearer realm="kommunaler-app-store"')
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({
      type: problem.type,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: reply.request.url,
      ...(problem.errors ? { errors: problem.errors } : {}),
      ...problem.extensions,
    })
}

/** Maps Ajv errors (`/query/limit must be <= 100`) to JSON pointers into the request. */
function validationErrors(error: FastifyError): ProblemFieldError[] {
  // Fastify calls the query string `querystring`; problems speak of `/query/…` like the API docs do.
  const context = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body')
  return (error.validation ?? []).map((item) => {
    const missing = item.keyword === 'required' ? `/${String((item.params as { missingProperty?: string }).missingProperty)}` : ''
    return {
      pointer: `/${context}${item.instancePath}${missing}`,
      message: item.message ?? 'is invalid',
    }
  })
}

/** One error shape for the whole API: RFC 9457 problem+json; 5xx details are logged, never sent. */
export default fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof Problem)
      return sendProblem(reply, error)
    if (error.validation) {
      const errors = validationErrors(error)
      const detail = errors.map(e => `${e.pointer} ${e.message}`).join('; ')
      return sendProblem(reply, new Problem(400, 'Bad Request', `The request is invalid: ${detail}`, errors))
    }
    const status = error.statusCode ?? 500
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1_048_576
      return sendProblem(reply, new Problem(413, titles[413], `The request body is larger than the limit of ${Math.round(limit / 1024)} KiB (${limit} bytes).`))
    }
    if (status >= 400 && status < 500)
      return sendProblem(reply, new Problem(status, titles[status] ?? 'Bad Request', error.message))
    request.log.error({ err: error }, 'request failed')
    return sendProblem(reply, new Problem(500, titles[500], `An unexpected error occurred. Quote request id ${request.id} when reporting it.`))
  })
}, { name: 'problems' })
