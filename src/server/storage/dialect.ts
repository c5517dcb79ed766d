/** The storage backends natter speaks. */
export type Dialect = 'sqlite' | 'postgres';
