/**
 * The blog's reads and writes, in plain SQL over one athanor connection.
 * `?` placeholders work on every database athanor speaks, and INSERT …
 * RETURNING on SQLite, PostgreSQL and MariaDB alike.
 */
import { openConnection, type DatabaseConnection } from 'athanor'

/** A post as the list shows it. */
export interface PostSummary {
  readonly id: number
  readonly title: string
  readonly status: string
  readonly author: string
  readonly tags: readonly string[]
  readonly commentCount: number
}

/** A comment under a post. */
export interface Comment {
  readonly id: number
  readonly author: string
  readonly body: string
}

/** A post with its body and comments. */
export interface PostDetail extends PostSummary {
  readonly body: string
  readonly comments: readonly Comment[]
}

/** A user who can write posts and comments. */
export interface User {
  readonly id: number
  readonly name: string
  readonly email: string
}

/** What a new post needs. */
export interface NewPost {
  readonly authorId: number
  readonly title: string
  readonly body: string
  readonly tags?: readonly string[]
}

/**
 * Input the store refuses (an unknown author or post, an empty title): the routes answer 400.
 *
 * @example
 * if (error instanceof BadInput) reply.code(400).send({ error: error.message })
 */
export class BadInput extends Error {}

/**
 * The blog's data. One connection, one operation at a time: the queue keeps
 * a write's statements together on a driver that has no pool.
 *
 * @example
 * const store = await BlogStore.open('sqlite:./blog.db')
 * const posts = await store.listPosts()
 */
export class BlogStore {
  readonly #conn: DatabaseConnection
  #queue: Promise<unknown> = Promise.resolve()

  private constructor(conn: DatabaseConnection) {
    this.#conn = conn
  }

  /** Opens the database at `url` (the one athanor migrates: `athanor.config.url`). */
  static async open(url: string): Promise<BlogStore> {
    return new BlogStore(await openConnection(url))
  }

  /** Every post, newest first, with author, tags and how many comments it has. */
  listPosts(): Promise<PostSummary[]> {
    return this.#serial(async () => {
      const rows = await this.#conn.query(
        `SELECT p.id, p.title, p.status, u.name AS author,
                (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id) AS comment_count
           FROM posts p JOIN users u ON u.id = p.author_id
          ORDER BY p.id DESC`,
      )
      const tags = await this.#tagsByPost()
      return rows.map((row) => summaryOf(row, tags.get(Number(row['id'])) ?? []))
    })
  }

  /** One post with its comments, or undefined. */
  getPost(id: number): Promise<PostDetail | undefined> {
    return this.#serial(() => this.#post(id))
  }

  /** Writes a post (and any tags it names that do not exist yet) in one transaction. */
  createPost(post: NewPost): Promise<PostDetail> {
    return this.#serial(() =>
      this.#transaction(async () => {
        if (post.title.trim() === '' || post.body.trim() === '') throw new BadInput('a post needs a title and a body')
        await this.#requireUser(post.authorId)
        const [created] = await this.#conn.query('INSERT INTO posts (author_id, title, body) VALUES (?, ?, ?) RETURNING id', [
          post.authorId,
          post.title,
          post.body,
        ])
        const id = Number(created?.['id'])
        for (const name of new Set(post.tags ?? [])) {
          const tagId = await this.#tagId(name)
          await this.#conn.execute('INSERT INTO post_tags (post_id, tag_id) VALUES (?, ?)', [id, tagId])
        }
        return (await this.#post(id)) as PostDetail
      }),
    )
  }

  /** Adds a comment to post `postId`. */
  addComment(postId: number, comment: { authorId: number; body: string }): Promise<Comment> {
    return this.#serial(async () => {
      if (comment.body.trim() === '') throw new BadInput('a comment needs a body')
      if ((await this.#conn.query('SELECT id FROM posts WHERE id = ?', [postId])).length === 0) throw new BadInput(`no post ${postId}`)
      const author = await this.#requireUser(comment.authorId)
      const [created] = await this.#conn.query('INSERT INTO comments (post_id, author_id, body) VALUES (?, ?, ?) RETURNING id', [
        postId,
        comment.authorId,
        comment.body,
      ])
      return { id: Number(created?.['id']), author: author.name, body: comment.body }
    })
  }

  /** Every user, by id. */
  listUsers(): Promise<User[]> {
    return this.#serial(async () =>
      (await this.#conn.query('SELECT id, name, email FROM users ORDER BY id')).map((row) => ({
        id: Number(row['id']),
        name: String(row['name']),
        email: String(row['email']),
      })),
    )
  }

  async close(): Promise<void> {
    await this.#queue.catch(() => undefined)
    await this.#conn.close()
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn)
    this.#queue = run.catch(() => undefined)
    return run
  }

  async #transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.#conn.begin()
    try {
      const result = await fn()
      await this.#conn.commit()
      return result
    } catch (error) {
      await this.#conn.rollback()
      throw error
    }
  }

  async #post(id: number): Promise<PostDetail | undefined> {
    const [row] = await this.#conn.query(
      `SELECT p.id, p.title, p.body, p.status, u.name AS author,
              (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id) AS comment_count
         FROM posts p JOIN users u ON u.id = p.author_id
        WHERE p.id = ?`,
      [id],
    )
    if (row === undefined) return undefined
    const tags = await this.#tagsByPost(id)
    const comments = await this.#conn.query(
      'SELECT c.id, c.body, u.name AS author FROM comments c JOIN users u ON u.id = c.author_id WHERE c.post_id = ? ORDER BY c.id',
      [id],
    )
    return {
      ...summaryOf(row, tags.get(id) ?? []),
      body: String(row['body']),
      comments: comments.map((c) => ({ id: Number(c['id']), author: String(c['author']), body: String(c['body']) })),
    }
  }

  async #tagsByPost(postId?: number): Promise<Map<number, string[]>> {
    const where = postId === undefined ? '' : ' WHERE pt.post_id = ?'
    const rows = await this.#conn.query(
      `SELECT pt.post_id, t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id${where} ORDER BY t.name`,
      postId === undefined ? undefined : [postId],
    )
    const byPost = new Map<number, string[]>()
    for (const row of rows) {
      const id = Number(row['post_id'])
      byPost.set(id, [...(byPost.get(id) ?? []), String(row['name'])])
    }
    return byPost
  }

  async #tagId(name: string): Promise<number> {
    const [found] = await this.#conn.query('SELECT id FROM tags WHERE name = ?', [name])
    if (found !== undefined) return Number(found['id'])
    const [created] = await this.#conn.query('INSERT INTO tags (name) VALUES (?) RETURNING id', [name])
    return Number(created?.['id'])
  }

  async #requireUser(id: number): Promise<User> {
    const [row] = await this.#conn.query('SELECT id, name, email FROM users WHERE id = ?', [id])
    if (row === undefined) throw new BadInput(`no user ${id}`)
    return { id: Number(row['id']), name: String(row['name']), email: String(row['email']) }
  }
}

function summaryOf(row: Record<string, unknown>, tags: readonly string[]): PostSummary {
  return {
    id: Number(row['id']),
    title: String(row['title']),
    status: String(row['status']),
    author: String(row['author']),
    tags,
    commentCount: Number(row['comment_count']),
  }
}
