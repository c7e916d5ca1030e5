import { Type } from 'typebox'
import { IsoDate, IsoDateTime, Slug } from '../../schemas/common.ts'
import { DeploymentModelSchema, ThemenfeldSchema } from '../catalog/schemas.ts'

export const CatalogExportQuerySchema = Type.Object({
  since: Type.Optional(IsoDateTime),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
}, { additionalProperties: false })

export const CatalogExportPageSchema = Type.Object({
  items: Type.Array(Type.Object({
    slug: Slug,
    name: Type.String(),
    summary: Type.String(),
    license: Type.String(),
    themenfelder: Type.Array(ThemenfeldSchema),
    tags: Type.Array(Type.String()),
    deploymentModels: Type.Array(DeploymentModelSchema),
    repositoryUrl: Type.String(),
    homepageUrl: Type.Union([Type.String(), Type.Null()]),
    status: Type.String(),
    public: Type.Boolean({ description: 'In the public catalogue now; false means: remove it from the mirror' }),
    certifiedUntil: Type.Union([IsoDate, Type.Null()]),
    adoptionCount: Type.Integer(),
    owner: Type.Object({ slug: Slug, name: Type.String() }),
    latestVersion: Type.Union([Type.String(), Type.Null()]),
    publiccodeUrl: Type.Union([Type.String({ format: 'uri' }), Type.Null()], { description: 'The app as publiccode.yml (public apps only)' }),
    updatedAt: IsoDateTime,
  })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
