import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Button, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

import { describeError, describeUserErrors } from '../graphql/errors.ts';
import { graphql } from '../graphql/generated/index.ts';
import { safeNextPath } from './session.ts';

const SignInDocument = graphql(`
  mutation SignIn($input: LoginInput!) {
    login(input: $input) {
      viewer {
        staffMember {
          id
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const reasons: Record<string, string> = {
  expired: 'Your session has expired. Sign in again to continue.',
  'signed-out': 'You have signed out.',
};

export function Component() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [signIn, { loading }] = useMutation(SignInDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const reason = reasons[searchParams.get('reason') ?? ''];

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFailure(null);
    try {
      const { data } = await signIn({
        variables: { input: { email: String(form.get('email')), password: String(form.get('password')) } },
      });
      const problem = describeUserErrors(data?.login.userErrors);
      if (problem || !data?.login.viewer) {
        setFailure(problem ?? 'Sign-in failed.');
        return;
      }
      // Anything cached belongs to the previous (anonymous or expired) session.
      await client.clearStore();
      await navigate(safeNextPath(searchParams.get('next')), { replace: true });
    } catch (error) {
      setFailure(describeError(error));
    }
  };

  return (
    <Stack maw={400} mx="auto" mt="xl" gap="lg">
      <title>Sign in · Confide</title>
      <Title order={1}>Sign in</Title>
      {reason && !failure && (
        <Alert color={searchParams.get('reason') === 'expired' ? 'yellow' : 'blue'} role="status">
          {reason}
        </Alert>
      )}
      {failure && (
        <Alert color="red" role="alert" title="Could not sign in">
          {failure}
        </Alert>
      )}
      <Paper withBorder p="lg" component="form" onSubmit={handleSubmit} aria-label="Sign in">
        <Stack gap="md">
          <TextInput name="email" type="email" label="Email" autoComplete="username" required autoFocus />
          <PasswordInput name="password" label="Password" autoComplete="current-password" required />
          <Button type="submit" loading={loading}>
            Sign in
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
