/**
 * Checks the JSON bodies the blog accepts, for every framework alike.
 */
import { BadInput, type NewPost } from './blog-store.js'

/**
 * A new post from a request body: `{ authorId, title, body, tags? }`.
 *
 * @example
 * parseNewPost({ authorId: 1, title: 'Hi', body: 'First', tags: ['news'] })
 */
export function parseNewPost(input: unknown): NewPost {
  const body = asObject(input)
  const tags = body['tags'] ?? []
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string' && tag.trim() !== '')) {
    throw new BadInput('tags must be a list of names')
  }
  return { authorId: id(body['authorId'], 'authorId'), title: text(body['title'], 'title'), body: text(body['body'], 'body'), tags: tags.map((tag) => tag.trim()) }
}

/**
 * A new comment from a request body: `{ authorId, body }`.
 *
 * @example
 * parseNewComment({ authorId: 2, body: 'Nice' })
 */
export function parseNewComment(input: unknown): { authorId: number; body: string } {
  const body = asObject(input)
  return { authorId: id(body['authorId'], 'authorId'), body: text(body['body'], 'body') }
}

/**
 * A post id from a route parameter.
 *
 * @example
 * parsePostId('3') // 3
 */
export function parsePostId(value: unknown): number {
  return id(value, 'post id')
}

function asObject(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new BadInput('send a JSON object')
  return input as Record<string, unknown>
}

function id(value: unknown, name: string): number {
  const n = typeof value === 'string' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) throw new BadInput(`${name} must be a positive integer`)
  return n
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new BadInput(`${name} must be some text`)
  return value
}
