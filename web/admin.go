package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"gongkai/store"
)

type usersView struct {
	Users   []*store.User
	Created *createdUser
	Form    struct{ Name, Role, Department string }
}

type createdUser struct {
	Name, Password string
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireRole(r, store.Admin); err != nil {
		return err
	}
	return s.renderUsers(w, r, http.StatusOK, &usersView{}, "")
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, v *usersView, msg string) error {
	us, err := s.store.Users(r.Context())
	if err != nil {
		return err
	}
	v.Users = us
	p := s.newPage(w, r, "用户管理")
	p.Nav = "admin"
	p.Error = msg
	p.Data = v
	return s.renderStatus(w, r, status, "users", p)
}

// usersSubmit creates a user with a random password shown once.
func (s *Server) usersSubmit(w http.ResponseWriter, r *http.Request) error {
	if _, err := requireRole(r, store.Admin); err != nil {
		return err
	}
	v := &usersView{}
	v.Form.Name = strings.TrimSpace(r.PostFormValue("name"))
	v.Form.Role = r.PostFormValue("role")
	v.Form.Department = strings.TrimSpace(r.PostFormValue("department"))
	pw := RandomPassword()
	u, err := CreateUser(r.Context(), s.store, v.Form.Name, store.Role(v.Form.Role), v.Form.Department, pw)
	if err != nil {
		return s.renderUsers(w, r, http.StatusUnprocessableEntity, v, userError(err))
	}
	v.Created = &createdUser{Name: u.Name, Password: pw}
	v.Form.Name, v.Form.Department = "", ""
	return s.renderUsers(w, r, http.StatusOK, v, "")
}

// CreateUser hashes the password and stores a new user; the command line
// and the admin page both use it.
func CreateUser(ctx context.Context, st store.Store, name string, role store.Role, department, password string) (*store.User, error) {
	hash, err := HashPassword(password)
	if err != nil {
		return nil, err
	}
	u := &store.User{Name: name, Role: role, Department: department, PasswordHash: hash} // the store trims them
	if err := st.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// userError explains a refused user in Chinese.
func userError(err error) string {
	switch {
	case errors.Is(err, store.ErrConflict):
		return "这个用户名已被使用。"
	case errors.Is(err, store.ErrInvalid):
		return "用户名不能为空（最多 64 个字节），角色须为编制人员、检查人员或管理员，编制人员须填写所属部门。"
	}
	return err.Error()
}
