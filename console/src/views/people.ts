/** People by name: the name recorded with what they did, their sign-in subject only where no name was recorded. */
export const personOf = (sub: string, name?: string | null) => name || sub;
