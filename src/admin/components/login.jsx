// The login page: AdminJS's own form (it posts to the same action and shows the same messages)
// with what its default lacks: a "Forgot your password?" link to the reset pages, a welcome
// that says what this panel is, and the browser's saved-password autocomplete.
import React from 'react';
import { useSelector } from 'react-redux';
import { useTranslation } from 'adminjs';
import {
  Box, Button, FormGroup, H2, H5, Input, Label, MessageBox, Text,
} from '@adminjs/design-system';

const Login = () => {
  const { action, errorMessage: message } = window.__APP_STATE__;
  const { translateComponent, translateMessage } = useTranslation();
  const branding = useSelector((state) => state.branding);

  return (
    <Box flex variant="grey" alignItems="center" justifyContent="center" flexDirection="column" height="100%">
      <Box bg="white" flex boxShadow="login" width={[1, 2 / 3, 'auto']}>
        <Box bg="primary100" color="white" p="x3" width="380px" flexGrow={0} display={['none', 'none', 'block']}>
          <H2 fontWeight="lighter">{translateComponent('Login.welcomeHeader')}</H2>
          <Text fontWeight="lighter" mt="default">{translateComponent('Login.welcomeMessage')}</Text>
        </Box>
        <Box as="form" action={action} method="POST" p="x3" flexGrow={1} width={['100%', '100%', '480px']}>
          <H5 marginBottom="xxl">{branding.companyName}</H5>
          {message ? (
            <MessageBox my="lg" variant="danger"
              message={message.split(' ').length > 1 ? message : translateMessage(message)} />
          ) : null}
          <FormGroup>
            <Label required htmlFor="email">{translateComponent('Login.properties.email')}</Label>
            <Input id="email" name="email" type="email" autoComplete="username"
              placeholder={translateComponent('Login.properties.email')} />
          </FormGroup>
          <FormGroup>
            <Label required htmlFor="password">{translateComponent('Login.properties.password')}</Label>
            <Input id="password" type="password" name="password" autoComplete="current-password"
              placeholder={translateComponent('Login.properties.password')} />
          </FormGroup>
          <Text mt="xl" textAlign="center">
            <Button variant="contained" type="submit">{translateComponent('Login.loginButton')}</Button>
          </Text>
          <Text mt="lg" textAlign="center">
            <a href="/admin/password-reset" data-testid="forgot-password">Forgot your password?</a>
          </Text>
        </Box>
      </Box>
    </Box>
  );
};

export default Login;
